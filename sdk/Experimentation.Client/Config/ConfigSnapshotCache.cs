using System.Text.Json;
using Experimentation.Assignment;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Experimentation.Client.Config;

/// <summary>
/// The compiled snapshot that assignment reads, and the one place new bundles come in. Readers take the current
/// snapshot with one volatile read; a newer bundle is compiled off to the side and swapped in by reference, so a
/// reader never sees half a config and never waits.
/// </summary>
/// <remarks>
/// Versions only move forward: a bundle whose version is not above the current one is ignored, because the SSE
/// stream, a poll and an observer call can deliver the same or an older version in any order. A bundle that
/// fails to parse or validate is logged and dropped; the last good snapshot keeps serving.
/// </remarks>
public sealed class ConfigSnapshotCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ILogger _logger;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AssignmentSnapshot _current = AssignmentSnapshot.Empty;
    private TaskCompletionSource _nextUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConfigSnapshotCache(ILogger<ConfigSnapshotCache>? logger = null) =>
        _logger = logger ?? NullLogger<ConfigSnapshotCache>.Instance;

    /// <summary>The snapshot to assign from; <see cref="AssignmentSnapshot.Empty"/> until the first bundle arrives.</summary>
    public AssignmentSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Completes when the first bundle from the server has been accepted, even one with nothing in it.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>
    /// Raised after each swap, on the thread that delivered the bundle. A handler that throws is logged and does not
    /// stop the others or the feed.
    /// </summary>
    public event Action<AssignmentSnapshot>? Updated;

    /// <summary>Compiles and swaps in a newer bundle. Never throws; the outcome says what happened.</summary>
    public ConfigUpdateOutcome Apply(ConfigBundle? bundle)
    {
        if (bundle is null)
            return Reject("an empty body");
        var current = Current;
        if (bundle.Version <= current.Version && current != AssignmentSnapshot.Empty)
        {
            _loaded.TrySetResult();
            return ConfigUpdateOutcome.NotNewer;
        }

        AssignmentSnapshot compiled;
        try
        {
            compiled = AssignmentSnapshot.Compile(bundle);
        }
        catch (ConfigBundleException e)
        {
            return Reject($"version {bundle.Version}, which is invalid: {string.Join(" ", e.Errors)}");
        }

        // Another thread may have swapped a newer one in while this one compiled; the highest version wins.
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _current, compiled, current);
            if (ReferenceEquals(seen, current))
                break;
            if (seen.Version >= compiled.Version)
            {
                _loaded.TrySetResult();
                return ConfigUpdateOutcome.NotNewer;
            }
            current = seen;
        }

        _loaded.TrySetResult();
        Interlocked.Exchange(ref _nextUpdate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        RaiseUpdated(compiled);
        return ConfigUpdateOutcome.Applied;
    }

    /// <summary>Parses a bundle from its JSON (camelCase, as the gateway sends it) and applies it. Never throws.</summary>
    public ConfigUpdateOutcome ApplyJson(string json)
    {
        ConfigBundle? bundle;
        try
        {
            bundle = JsonSerializer.Deserialize<ConfigBundle>(json, Json);
        }
        catch (JsonException e)
        {
            return Reject($"malformed JSON ({e.Message})");
        }
        return Apply(bundle);
    }

    /// <summary>Waits until the snapshot's version is at least <paramref name="version"/>.</summary>
    public async Task WaitForVersionAsync(long version, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Read the signal before the version: a swap sets the snapshot before it replaces the signal, so an
            // update that lands between the two reads is seen by the version check.
            var signal = Volatile.Read(ref _nextUpdate).Task;
            if (Current.Version >= version)
                return;
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private ConfigUpdateOutcome Reject(string what)
    {
        _logger.LogError("Ignored a config bundle: {Problem}. Assignment keeps using version {Version}.", what, Current.Version);
        return ConfigUpdateOutcome.Rejected;
    }

    private void RaiseUpdated(AssignmentSnapshot snapshot)
    {
        if (Updated is not { } handlers)
            return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<AssignmentSnapshot>>())
        {
            try
            {
                handler(snapshot);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A config update handler failed for version {Version}.", snapshot.Version);
            }
        }
    }
}
