using System.ComponentModel.DataAnnotations;

namespace Experimentation.Grains.Scheduling;

/// <summary>Settings of scheduled start and end, bound from the "Experimentation:Schedule" section.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Experimentation:Schedule";

    /// <summary>
    /// The period of an experiment's schedule reminder: how soon a due start or end that could not be carried out (for
    /// example while PostgreSQL is down) is tried again, and how late one missed while no silo ran can be. One minute
    /// is Orleans' minimum reminder period; a shorter one (tests) lowers that minimum, and Orleans logs a warning.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
