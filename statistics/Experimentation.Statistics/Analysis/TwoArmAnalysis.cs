namespace Experimentation.Statistics;

/// <summary>
/// One metric, treatment against control, in one call: the fixed-horizon test with its CIs, the mSPRT look, the
/// two-arm SRM, the power check and the two-arm badge. <see cref="ExperimentAnalyzer"/> calls it for every pair and
/// then decides the experiment's badges over every arm and the family.
/// </summary>
public static class TwoArmAnalysis
{
    /// <summary>Analyses a mean metric with Welch's t-test.</summary>
    public static TwoArmResult Analyze(in SampleMean control, in SampleMean treatment, AnalysisOptions? options = null,
        in SequentialState previous = default)
    {
        options ??= AnalysisOptions.Default;
        var c = control.ToSummary();
        var t = treatment.ToSummary();
        return Complete(c, t, WelchTest.Compare(c, t, options.Alpha, options.DegreesOfFreedom), options, previous);
    }

    /// <summary>Analyses a ratio metric by the delta method and Welch's t-test.</summary>
    public static TwoArmResult Analyze(in RatioSample control, in RatioSample treatment, AnalysisOptions? options = null,
        in SequentialState previous = default)
    {
        options ??= AnalysisOptions.Default;
        var comparison = WelchTest.Compare(control, treatment, options.Alpha, options.DegreesOfFreedom);
        return Complete(control.ToSummary(), treatment.ToSummary(), comparison, options, previous);
    }

    /// <summary>Analyses a conversion metric with the 2×2 χ² test.</summary>
    public static TwoArmResult Analyze(in Proportion control, in Proportion treatment, AnalysisOptions? options = null,
        in SequentialState previous = default)
    {
        options ??= AnalysisOptions.Default;
        var comparison = ConversionTest.Compare(control, treatment, options.Alpha, options.ContinuityCorrection);
        return Complete(control.ToSummary(), treatment.ToSummary(), comparison, options, previous);
    }

    /// <summary>
    /// Analyses a mean or conversion metric adjusted by CUPED with the given θ (<see cref="CupedAdjustment"/>): Welch's
    /// t-test on the adjusted arms, and the mSPRT and power check on the adjusted variance.
    /// </summary>
    public static TwoArmResult Analyze(in CupedSample control, in CupedSample treatment, double theta, bool proportion,
        AnalysisOptions? options = null, in SequentialState previous = default)
    {
        options ??= AnalysisOptions.Default;
        var comparison = CupedAdjustment.Compare(control, treatment, theta, proportion, options.Alpha, options.DegreesOfFreedom);
        return Complete(CupedAdjustment.Adjusted(control, theta, proportion), CupedAdjustment.Adjusted(treatment, theta, proportion),
            comparison, options, previous);
    }

    /// <summary>
    /// Analyses a ratio metric adjusted by CUPED with the given θ (<see cref="RatioCupedAdjustment"/>): Welch's t-test on
    /// the adjusted arms, and the mSPRT and power check on the adjusted variance.
    /// </summary>
    public static TwoArmResult Analyze(in RatioCupedSample control, in RatioCupedSample treatment, double theta,
        AnalysisOptions? options = null, in SequentialState previous = default)
    {
        options ??= AnalysisOptions.Default;
        var comparison = RatioCupedAdjustment.Compare(control, treatment, theta, options.Alpha, options.DegreesOfFreedom);
        return Complete(RatioCupedAdjustment.Adjusted(control, theta), RatioCupedAdjustment.Adjusted(treatment, theta), comparison, options, previous);
    }

    /// <summary>The sequential look, SRM and power check for a comparison computed elsewhere (percentile metrics).</summary>
    internal static TwoArmResult Analyze(in ArmSummary control, in ArmSummary treatment, in ComparisonResult comparison,
        AnalysisOptions options, in SequentialState previous) =>
        Complete(control, treatment, comparison, options, previous);

    private static TwoArmResult Complete(in ArmSummary control, in ArmSummary treatment, in ComparisonResult comparison,
        AnalysisOptions options, in SequentialState previous)
    {
        double mde = options.Mde ?? 0;
        SequentialLook look;
        if (comparison.HasTest)
        {
            double s2 = comparison.StandardError * comparison.StandardError;
            double tau2 = options.TauSquared
                ?? MixtureSequentialTest.TauSquared(options.Alpha, control.Count + treatment.Count, s2, options.NStar);
            look = MixtureSequentialTest.Look(previous, comparison.Delta, s2, tau2, options.Alpha, mde, options.NullEffect);
        }
        else
        {
            look = MixtureSequentialTest.Skip(previous, comparison.Error, options.Alpha, mde);
        }

        var srm = SampleRatioMismatch.Test(control.Count, treatment.Count, options.ControlWeight, options.TreatmentWeight,
            options.SrmThreshold);

        long required = -1;
        bool underpowered = false;
        if (options.Mde is { } target && target != 0)
        {
            // The baseline (control) variance plans the test, as a sample-size calculator would before launch.
            required = PowerAnalysis.SampleSizePerArm(control.Variance, target, options.Alpha, options.Power);
            underpowered = comparison.Error == StatisticsError.TooFewUnits
                || PowerAnalysis.IsUnderpowered(Math.Min(control.Count, treatment.Count), required);
        }

        double decisionP = options.DecisionMode == DecisionMode.Sequential ? look.AlwaysValidPValue : comparison.PValue;
        var badge = BadgeRules.Decide(options.DecisionMode, srm.IsMismatch, underpowered, decisionP, options.Alpha);
        return new TwoArmResult(comparison, look, srm, required, underpowered, decisionP, decisionP, badge);
    }
}
