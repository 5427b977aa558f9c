using System.Diagnostics;
using Experimentation.Assignment;

namespace Experimentation.Propagation;

/// <summary>
/// Every snapshot the client swapped in, with the Stopwatch timestamp taken on the feed's thread at the swap, so the
/// time a version was seen does not depend on when the benchmark loop gets around to looking.
/// </summary>
internal sealed class SnapshotArrivals
{
    private readonly List<(long Timestamp, AssignmentSnapshot Snapshot)> _arrivals = [];

    public int Count
    {
        get { lock (_arrivals) return _arrivals.Count; }
    }

    public void Record(AssignmentSnapshot snapshot)
    {
        long now = Stopwatch.GetTimestamp();
        lock (_arrivals) _arrivals.Add((now, snapshot));
    }

    /// <summary>The timestamp of the first arrival at or after index <paramref name="from"/> that satisfies the condition.</summary>
    public async Task<long?> WaitForAsync(int from, Func<ConfigBundle, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        int next = from;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            lock (_arrivals)
            {
                for (; next < _arrivals.Count; next++)
                    if (condition(_arrivals[next].Snapshot.Bundle))
                        return _arrivals[next].Timestamp;
            }
            await Task.Delay(1, cancellationToken);
        }
        return null;
    }
}
