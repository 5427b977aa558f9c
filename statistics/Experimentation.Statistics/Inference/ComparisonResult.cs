namespace Experimentation.Statistics;

/// <summary>
/// A fixed-horizon comparison of treatment against control for one metric. Effects are T − C.
/// </summary>
/// <param name="Error">None, or why some fields are NaN (see <see cref="StatisticsError"/>).</param>
/// <param name="ControlMean">x̄_C (or the control rate).</param>
/// <param name="TreatmentMean">x̄_T (or the treatment rate).</param>
/// <param name="Delta">x̄_T − x̄_C.</param>
/// <param name="StandardError">The unpooled standard error of Delta.</param>
/// <param name="Statistic">t for mean and ratio metrics, χ² for conversions.</param>
/// <param name="DegreesOfFreedom">The t-test's df; 1 for the χ² test; +∞ where a normal quantile is used.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="ConfidenceInterval">CI of Delta at 1 − α.</param>
/// <param name="Lift">Relative lift Delta / |x̄_C|.</param>
/// <param name="LiftConfidenceInterval">Delta-method CI of the lift at 1 − α.</param>
public readonly record struct ComparisonResult(
    StatisticsError Error,
    double ControlMean,
    double TreatmentMean,
    double Delta,
    double StandardError,
    double Statistic,
    double DegreesOfFreedom,
    double PValue,
    Interval ConfidenceInterval,
    double Lift,
    Interval LiftConfidenceInterval)
{
    /// <summary>True when the p-value and the absolute CI are valid (the relative lift may still be undefined).</summary>
    public bool HasTest => Error is StatisticsError.None or StatisticsError.ZeroBaseline;

    internal static ComparisonResult Failed(StatisticsError error, double controlMean = double.NaN, double treatmentMean = double.NaN) =>
        new(error, controlMean, treatmentMean, treatmentMean - controlMean, double.NaN, double.NaN, double.NaN, double.NaN,
            Interval.Undefined, double.NaN, Interval.Undefined);
}
