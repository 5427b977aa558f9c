namespace Experimentation.Statistics;

/// <summary>Everything the results page shows for one metric and one treatment arm against control.</summary>
/// <param name="Comparison">The fixed-horizon test (Welch or χ²), CI and relative CI.</param>
/// <param name="Sequential">The mSPRT look, with the state to carry to the next analysis.</param>
/// <param name="Srm">The sample-ratio-mismatch check on the two arms' counts.</param>
/// <param name="RequiredSampleSizePerArm">n per arm for the MDE at the planned power; -1 without an MDE.</param>
/// <param name="IsUnderpowered">An arm is below the required n.</param>
/// <param name="DecisionPValue">The p-value the badge used: fixed-horizon or always-valid.</param>
/// <param name="AdjustedPValue">The decision p-value adjusted across the family; equal to it until adjusted.</param>
/// <param name="Badge">The significance badge.</param>
public readonly record struct TwoArmResult(
    ComparisonResult Comparison,
    SequentialLook Sequential,
    SrmResult Srm,
    long RequiredSampleSizePerArm,
    bool IsUnderpowered,
    double DecisionPValue,
    double AdjustedPValue,
    SignificanceBadge Badge);
