namespace Experimentation.Statistics;

/// <summary>
/// Guardrail verdicts. A guardrail is breached when the relative change in the harmful direction exceeds the
/// maximum degradation and the always-valid p-value is below α. The always-valid p is used because guardrails are
/// checked on every update; a fixed-horizon p would pause experiments on peeking noise.
/// </summary>
public static class Guardrail
{
    /// <summary>The default tolerated relative degradation (5%).</summary>
    public const double DefaultMaxDegradation = 0.05;

    /// <summary>Judges a relative lift (T − C)/|C| and its always-valid p-value. NaN inputs never breach.</summary>
    /// <param name="higherIsBetter">True when an increase is good (conversion, revenue), so a drop is the harm; false
    /// when a decrease is good (latency, errors). A flag rather than an enum of the engine's own, so the product's one
    /// metric direction (on the experiment's metric binding) needs no twin here; gbstats' <c>inverse</c> is the same.</param>
    public static GuardrailVerdict Evaluate(double lift, double alwaysValidPValue, bool higherIsBetter,
        double maxDegradation = DefaultMaxDegradation, double alpha = 0.05)
    {
        double degradation = higherIsBetter ? -lift : lift;
        bool breached = degradation > maxDegradation && alwaysValidPValue < alpha;
        return new GuardrailVerdict(breached, degradation, maxDegradation, alwaysValidPValue);
    }

    /// <summary>Judges a two-arm analysis of the guardrail metric.</summary>
    public static GuardrailVerdict Evaluate(in TwoArmResult result, bool higherIsBetter,
        double maxDegradation = DefaultMaxDegradation, double alpha = 0.05) =>
        Evaluate(result.Comparison.Lift, result.Sequential.AlwaysValidPValue, higherIsBetter, maxDegradation, alpha);
}
