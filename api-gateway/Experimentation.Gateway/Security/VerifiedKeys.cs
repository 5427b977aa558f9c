using System.Collections.Concurrent;
using Experimentation.GrainInterfaces.Security;
using Microsoft.Extensions.Options;

namespace Experimentation.Gateway.Security;

/// <summary>
/// Verifies key hashes through the identity grain and remembers each answer for <see cref="AuthOptions.CacheDuration"/>,
/// so a busy SDK key costs one grain call per few seconds rather than one per request. Refusals are remembered too,
/// so a flood of one bad key does not reach PostgreSQL. The secret is never kept: entries are keyed by its hash.
/// While the key store cannot answer (PostgreSQL down), the last answer for a key is used however old, so keys
/// that worked before an outage keep working through it (nobody can revoke one meanwhile, as that needs the store
/// too); a key never seen before gets <see cref="KeyStoreUnavailableException"/>.
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
        var seen = _entries.TryGetValue(id, out var known);
        if (seen && known.Until > now) return known.Caller;
        Caller? caller;
        try
        {
            caller = await grains.GetGrain<IIdentityGrain>(0).Verify(hash);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (seen) return known.Caller;
            throw new KeyStoreUnavailableException(ex);
        }
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[id] = (caller, now + options.Value.CacheDuration);
        return caller;
    }
}
