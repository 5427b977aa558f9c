namespace Experimentation.Statistics;

/// <summary>The relative lift and its delta-method CI, assuming no covariance between arms.</summary>
internal static class RelativeLift
{
    /// <summary>
    /// lift = Δ/|x̄_C|, Var = s_T²/(n_T x̄_C²) + s_C² x̄_T²/(n_C x̄_C⁴), CI = lift ± quantile·√Var.
    /// Returns false (and NaNs) when the baseline is 0.
    /// </summary>
    public static bool TryCompute(in ArmSummary control, in ArmSummary treatment, double quantile, out double lift, out Interval interval)
    {
        double c = control.Mean;
        if (c == 0 || !double.IsFinite(c))
        {
            lift = double.NaN;
            interval = Interval.Undefined;
            return false;
        }
        double c2 = c * c;
        lift = (treatment.Mean - c) / Math.Abs(c);
        double variance = treatment.Variance / (treatment.Count * c2)
            + control.Variance * treatment.Mean * treatment.Mean / (control.Count * c2 * c2);
        interval = Interval.Around(lift, quantile * Math.Sqrt(variance));
        return true;
    }
}
