namespace Experimentation.Grains.Experiments.Checks;

/// <summary>
/// A metric's recent data: its control arm in the most recently started other experiment that measured it.
/// </summary>
/// <param name="Mean">The per-user mean; a conversion's rate.</param>
/// <param name="StandardDeviation">The per-user sample standard deviation; a conversion's √(p(1 − p)).</param>
public sealed record RecentBaseline(string Experiment, long Users, double Mean, double StandardDeviation)
{
    /// <summary>Fewer control users than this are too few to plan with.</summary>
    public const long MinimumUsers = 100;
}
