namespace Experimentation.Grains.Ingestion;

/// <summary>
/// What a shard remembers about one user: their earliest exposure per experiment and their metric events. The events
/// are kept because an exposure may arrive after them, or an earlier exposure after a later one, and the user's
/// value is always the fold of exactly the events at or after the first exposure.
/// </summary>
public sealed class UserRecord
{
    public List<UserExposure> Exposures { get; } = new(1);

    public List<UserMetricEvent> Events { get; } = [];

    public UserExposure? ExposureTo(string experiment)
    {
        foreach (var x in Exposures)
            if (x.Experiment == experiment) return x;
        return null;
    }
}

/// <summary>
/// A user's earliest exposure to an experiment, which decides their variant; replaced when an earlier one arrives.
/// </summary>
public sealed class UserExposure(string experiment, string variant, long firstAtTicks)
{
    public string Experiment { get; } = experiment;
    public string Variant { get; } = variant;
    public long FirstAtTicks { get; } = firstAtTicks;
    public DateOnly Day => DateOnly.FromDateTime(new DateTime(FirstAtTicks, DateTimeKind.Utc));
}

/// <summary>One metric event of a user, as compact as the fold allows (the event type string is interned per shard).</summary>
public readonly record struct UserMetricEvent(string EventType, long AtTicks, double Value);
