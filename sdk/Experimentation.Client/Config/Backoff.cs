namespace Experimentation.Client.Config;

/// <summary>Exponential backoff with jitter, so that many clients cut off together do not reconnect together.</summary>
/// <remarks>
/// Public so that every feed backs off the same way: the cluster feed in <c>Experimentation.Client.Orleans</c> (a
/// separate package, which a newer Client must not break through an internal) and a service's own
/// <see cref="IConfigFeed"/>.
/// </remarks>
public static class Backoff
{
    /// <summary>
    /// The wait before retry number <paramref name="failures"/> (0 for the first retry after a healthy period):
    /// initial · 2^failures, capped at <paramref name="max"/>, then drawn uniformly from its upper half.
    /// </summary>
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max)
    {
        double ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
