namespace Experimentation.GrainInterfaces.Events;

/// <summary>
/// The rules one batch must meet to be stored. Every broken rule of every event is reported, so a producer can fix
/// a batch in one round trip; one error refuses the whole batch.
/// </summary>
public static class EventValidator
{
    /// <summary>Longest event type, as the metric registry allows.</summary>
    public const int MaxEventTypeLength = 128;

    /// <summary>Checks a batch.</summary>
    /// <param name="earliest">Oldest timestamp accepted. Events older than the raw-event retention would land in a
    /// day partition that is already dropped, where a retry could no longer be recognised as a duplicate.</param>
    /// <param name="latest">Newest timestamp accepted (server clock plus the allowed skew).</param>
    public static List<EventError> Validate(IReadOnlyList<IngestEvent> events, DateTimeOffset earliest, DateTimeOffset latest)
    {
        var errors = new List<EventError>();
        if (events.Count == 0) errors.Add(new EventError(0, "body", "the batch is empty"));
        if (events.Count > EventLimits.MaxBatchEvents)
            errors.Add(new EventError(EventLimits.MaxBatchEvents, "body", $"a batch holds at most {EventLimits.MaxBatchEvents} events"));
        for (var i = 0; i < events.Count && i < EventLimits.MaxBatchEvents; i++)
            Validate(i, events[i], earliest, latest, errors);
        return errors;
    }

    private static void Validate(int i, IngestEvent e, DateTimeOffset earliest, DateTimeOffset latest, List<EventError> errors)
    {
        if (e.EventId == Guid.Empty) errors.Add(new(i, "eventId", "must be a non-nil UUID"));
        if (string.IsNullOrWhiteSpace(e.UserId)) errors.Add(new(i, "userId", "is required and may not be blank"));
        else if (e.UserId.Length > EventLimits.MaxUserIdLength)
            errors.Add(new(i, "userId", $"may have at most {EventLimits.MaxUserIdLength} characters"));
        if (e.Timestamp < earliest)
            errors.Add(new(i, "timestamp", $"is older than the raw-event retention allows (earliest {earliest:O})"));
        else if (e.Timestamp > latest) errors.Add(new(i, "timestamp", $"is in the future (latest {latest:O})"));

        switch (e.Kind)
        {
            case EventKind.Exposure:
                if (!Keys.IsValid(e.Experiment)) errors.Add(new(i, "experiment", $"is required for an exposure and must match {Keys.Pattern}"));
                if (!Keys.IsValid(e.Variant)) errors.Add(new(i, "variant", $"is required for an exposure and must match {Keys.Pattern}"));
                if (e.EventType is not null) errors.Add(new(i, "eventType", "is only for metric events"));
                if (e.Value is not null) errors.Add(new(i, "value", "is only for metric events"));
                break;
            case EventKind.Metric:
                if (string.IsNullOrWhiteSpace(e.EventType)) errors.Add(new(i, "eventType", "is required for a metric event and may not be blank"));
                else if (e.EventType.Length > MaxEventTypeLength)
                    errors.Add(new(i, "eventType", $"may have at most {MaxEventTypeLength} characters"));
                if (e.Value is not { } v) errors.Add(new(i, "value", "is required for a metric event"));
                else if (!double.IsFinite(v)) errors.Add(new(i, "value", "must be a finite number"));
                if (e.Experiment is not null) errors.Add(new(i, "experiment", "is only for exposures"));
                if (e.Variant is not null) errors.Add(new(i, "variant", "is only for exposures"));
                break;
            default:
                errors.Add(new(i, "type", "must be exposure or metric"));
                break;
        }
    }
}
