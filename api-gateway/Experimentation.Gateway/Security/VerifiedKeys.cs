using System.Collections.Concurrent;
using Experimentation.GrainInterfaces.Security;
using Microsoft.Extensions.Options;

namespace Experimentation.Gateway.Security;

/// <summary>
/// Verifies key hashes through the identity grain and remembers each answer for <see cref="AuthOptions.CacheDuration"/>,
/// so a busy SDK key costs one grain call per few seconds rather than one per request. Refusals are remembered too,
/// so a flood of one bad key does not reach PostgreSQL. The secret is never kept: entries are keyed by its hash.
/// </summary>
public sealed class VerifiedKeys(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider clock)
{
    // A bound on memory under a flood of distinct bad keys: past it the cache starts over.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Caller? Caller, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async Task<Caller?> VerifyAsync(byte[] hash)
    {
        var now = clock.GetUtcNow();
        var id = Convert.ToHexString(hash);
        if (_entries.TryGetValue(id, out var known) && known.Until > now) return known.Caller;
        var caller = await grains.GetGrain<IIdentityGrain>(0).Verify(hash);
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[id] = (caller, now + options.Value.CacheDuration);
        return caller;
    }
}
