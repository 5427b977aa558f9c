namespace Experimentation.Statistics;

/// <summary>The verdict on one guardrail metric.</summary>
/// <param name="Breached">Degradation above the maximum and always-valid p below α.</param>
/// <param name="Degradation">The relative change in the harmful direction (negative when the metric improved).</param>
/// <param name="MaxDegradation">The tolerated relative degradation.</param>
/// <param name="AlwaysValidPValue">The mSPRT p-value the evidence was judged on.</param>
public readonly record struct GuardrailVerdict(bool Breached, double Degradation, double MaxDegradation, double AlwaysValidPValue);
