namespace Experimentation.Grains.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff with full jitter (a uniform wait between zero and
/// base·2^(n−1), capped), so receivers coming back from an outage are not hit by every sender in step. Retries go on
/// until an attempt fails a whole retry window after the first one; then the delivery is failed.
/// </summary>
public static class RetrySchedule
{
    /// <summary>The longest wait after the <paramref name="attempts"/>-th failed attempt: min(cap, base·2^(attempts−1)).</summary>
    public static TimeSpan Ceiling(int attempts, TimeSpan backoffBase, TimeSpan cap)
    {
        // 2^40 times any base above a microsecond is past any cap, and keeps the product finite.
        var doublings = Math.Clamp(attempts - 1, 0, 40);
        var ticks = backoffBase.Ticks * Math.Pow(2, doublings);
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The time of the next attempt after a failure at <paramref name="now"/>, or null when the window since
    /// <paramref name="firstAttemptAt"/> has passed. <paramref name="uniform"/> is a draw from [0, 1).
    /// </summary>
    public static DateTimeOffset? Next(int attempts, DateTimeOffset firstAttemptAt, DateTimeOffset now, WebhookOptions options, double uniform)
    {
        if (now - firstAttemptAt >= options.RetryWindow) return null;
        var ceiling = Ceiling(attempts, options.BackoffBase, options.BackoffCap);
        return now + TimeSpan.FromTicks((long)(ceiling.Ticks * uniform));
    }
}
