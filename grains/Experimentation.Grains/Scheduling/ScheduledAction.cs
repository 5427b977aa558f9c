namespace Experimentation.Grains.Scheduling;

/// <summary>What the definition's dates ask of an experiment at a given moment.</summary>
public enum ScheduledAction
{
    /// <summary>Nothing is scheduled, or nothing yet.</summary>
    None,

    /// <summary>Start the draft: its startDate has come.</summary>
    Start,

    /// <summary>End it: its endDate has come while it runs or is paused.</summary>
    End,
}
