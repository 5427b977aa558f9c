namespace Experimentation.Statistics;

/// <summary>One metric of an experiment with any number of arms: each treatment against the control, and SRM.</summary>
/// <param name="Comparisons">Treatment i + 1 against the control (arm 0), with p-values adjusted across the treatments.</param>
/// <param name="Srm">The sample-ratio-mismatch check over every arm at once.</param>
public sealed record MultiArmResult(TwoArmResult[] Comparisons, SrmResult Srm);
