namespace Experimentation.Statistics;

/// <summary>The Gaussian posterior of the effect and what gbstats reports from it.</summary>
/// <param name="ChanceToWin">P(effect is good): P(effect &gt; 0), or P(effect &lt; 0) when lower is better.</param>
/// <param name="Expected">The posterior mean of the effect.</param>
/// <param name="StandardDeviation">The posterior standard deviation.</param>
/// <param name="CredibleInterval">The equal-tailed 1 − α credible interval of the effect.</param>
/// <param name="RiskControl">The expected loss of choosing control: E[max(good effect, 0)].</param>
/// <param name="RiskTreatment">The expected loss of choosing treatment: E[max(−good effect, 0)].</param>
/// <param name="Scale">The effect's scale.</param>
/// <param name="Error">Why the numbers are NaN: too_few_units, zero_baseline, zero_variance or invalid_input.</param>
public readonly record struct BayesianResult(
    double ChanceToWin,
    double Expected,
    double StandardDeviation,
    Interval CredibleInterval,
    double RiskControl,
    double RiskTreatment,
    EffectScale Scale,
    StatisticsError Error)
{
    internal static BayesianResult Undefined(EffectScale scale, StatisticsError error) =>
        new(double.NaN, double.NaN, double.NaN, Interval.Undefined, double.NaN, double.NaN, scale, error);
}
