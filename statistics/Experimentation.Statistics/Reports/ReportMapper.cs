namespace Experimentation.Statistics.Reports;

/// <summary>Maps the engine's results to the report model. No statistics here: only NaN → null and error codes.</summary>
internal static class ReportMapper
{
    public static ArmReport[] Arms(IReadOnlyList<ArmInput> arms, MetricSamples samples, CupedInput? cuped)
    {
        var reports = new ArmReport[arms.Count];
        for (int i = 0; i < reports.Length; i++)
        {
            var summary = samples.Summary(i);
            var numbers = new Numbers();
            reports[i] = new ArmReport
            {
                Key = arms[i].Key,
                Control = i == 0,
                N = summary.Count,
                Mean = numbers.Of(summary.Mean),
                Variance = numbers.Of(summary.Variance),
                Weight = arms[i].Weight,
                Covariate = cuped is not { } c || c.Count != reports.Length ? null
                    : c.Ratios is { } ratios ? Covariate(ratios[i]) : Covariate(c.Arms[i]),
                Quantile = samples.Quantiles is { } q ? Quantile(q[i]) : null,
            };
        }
        return reports;
    }

    public static ComparisonReport Comparison(string control, string treatment, string statisticName, in TwoArmResult r, double? adjusted,
        SignificanceBadge badge, double? mde, string? powerError, long controlUnits, GuardrailRule? rule, GuardrailLook? guardrail)
    {
        var numbers = new Numbers();
        var c = r.Comparison;
        var report = new ComparisonReport
        {
            Treatment = treatment,
            Control = control,
            ControlMean = numbers.Of(c.ControlMean),
            TreatmentMean = numbers.Of(c.TreatmentMean),
            Delta = numbers.Of(c.Delta),
            StandardError = numbers.Of(c.StandardError),
            Statistic = numbers.Of(c.Statistic),
            StatisticName = statisticName,
            DegreesOfFreedom = numbers.Of(c.DegreesOfFreedom),
            PValue = numbers.Of(c.PValue),
            AdjustedPValue = adjusted is { } a ? numbers.Of(a) : null,
            ConfidenceInterval = Interval(numbers, c.ConfidenceInterval),
            Lift = numbers.Of(c.Lift),
            LiftConfidenceInterval = Interval(numbers, c.LiftConfidenceInterval),
            Error = null,
            Sequential = Sequential(r.Sequential),
            Power = Power(r, powerError, mde, controlUnits),
            Badge = badge,
            Guardrail = rule is { } g && guardrail is { } look ? Guardrail(look, g) : null,
        };
        return report with { Error = numbers.Error(ErrorCodes.Of(c.Error)) };
    }

    private static QuantileReport Quantile(QuantileSample sample)
    {
        var numbers = new Numbers();
        var e = sample.Estimate();
        return new QuantileReport
        {
            Quantile = sample.Quantile,
            Estimate = numbers.Of(e.Estimate),
            Lower = numbers.Of(e.Lower),
            Upper = numbers.Of(e.Upper),
            DesignEffect = numbers.Of(e.DesignEffect),
        };
    }

    private static CovariateReport Covariate(in CupedSample arm)
    {
        var numbers = new Numbers();
        return new CovariateReport
        {
            Mean = numbers.Of(arm.CovariateMean),
            Variance = numbers.Of(arm.Covariate.Variance),
            Covariance = numbers.Of(arm.Covariance),
        };
    }

    // A ratio's covariate is the same ratio over the pre-period, with its delta-method moments.
    private static CovariateReport Covariate(in RatioCupedSample arm)
    {
        var numbers = new Numbers();
        var (variance, covariance) = RatioCupedAdjustment.Covariate(arm);
        return new CovariateReport
        {
            Mean = numbers.Of(arm.Pre.Ratio),
            Variance = numbers.Of(variance),
            Covariance = numbers.Of(covariance),
        };
    }

    public static CupedReport Cuped(bool applied, string? message, int? preDays, double theta, in ComparisonResult adjusted,
        in ComparisonResult unadjusted)
    {
        var numbers = new Numbers();
        double reduction = applied && adjusted.HasTest && unadjusted.HasTest
            ? 1 - adjusted.StandardError * adjusted.StandardError / (unadjusted.StandardError * unadjusted.StandardError)
            : applied ? double.NaN : 0;
        return new CupedReport
        {
            Applied = applied,
            Message = message,
            PreDays = preDays,
            Theta = numbers.Of(theta),
            VarianceReduction = numbers.Of(reduction),
            UnadjustedDelta = numbers.Of(unadjusted.Delta),
            UnadjustedStandardError = numbers.Of(unadjusted.StandardError),
            UnadjustedConfidenceInterval = Interval(numbers, unadjusted.ConfidenceInterval),
            UnadjustedPValue = numbers.Of(unadjusted.PValue),
        };
    }

    public static BayesianReport Bayesian(in BayesianResult b)
    {
        var numbers = new Numbers();
        var report = new BayesianReport
        {
            EffectScale = b.Scale == EffectScale.Relative ? "relative" : "absolute",
            ChanceToWin = numbers.Of(b.ChanceToWin),
            Expected = numbers.Of(b.Expected),
            CredibleInterval = Interval(numbers, b.CredibleInterval),
            Risk = new RiskReport(numbers.Of(b.RiskControl), numbers.Of(b.RiskTreatment)),
            Error = null,
        };
        return report with { Error = numbers.Error(ErrorCodes.Of(b.Error)) };
    }

    public static SequentialReport Sequential(in SequentialLook look)
    {
        var numbers = new Numbers();
        var (running, empty) = Running(numbers, look.AlwaysValidConfidenceInterval);
        var report = new SequentialReport
        {
            Tau2 = numbers.Of(look.TauSquared),
            LogLambda = numbers.Of(look.LogLambda),
            Lambda = numbers.Of(look.Lambda),
            PValue = numbers.Of(look.PValue),
            AlwaysValidPValue = numbers.Of(look.AlwaysValidPValue),
            ConfidenceInterval = Interval(numbers, look.ConfidenceInterval),
            // Before any look the running intersection is the whole line, stored as ±double.MaxValue: unbounded is null.
            // An empty intersection is never shown as an inverted interval: both bounds are null, with a code.
            AlwaysValidConfidenceInterval = running,
            AlwaysValidCiError = empty ? ErrorCodes.EmptyIntersection : null,
            StopForEfficacy = look.StopForEfficacy,
            StopForFutility = look.StopForFutility,
            Error = null,
        };
        return report with { Error = numbers.Error(ErrorCodes.Of(look.Error)) };
    }

    public static SrmReport Srm(in SrmResult srm)
    {
        var numbers = new Numbers();
        var report = new SrmReport
        {
            ChiSquared = numbers.Of(srm.ChiSquared),
            DegreesOfFreedom = srm.DegreesOfFreedom,
            PValue = numbers.Of(srm.PValue),
            Flagged = srm.IsMismatch,
            Error = null,
        };
        return report with { Error = numbers.Error(ErrorCodes.Of(srm.Error)) };
    }

    public static NoveltyReport Novelty(int earlyDays, in NoveltyResult n)
    {
        var numbers = new Numbers();
        var report = new NoveltyReport
        {
            EarlyDays = earlyDays,
            EarlyEffect = numbers.Of(n.EarlyEffect),
            LateEffect = numbers.Of(n.LateEffect),
            Z = numbers.Of(n.Z),
            PValue = numbers.Of(n.PValue),
            Flagged = n.IsNovelty,
            Error = null,
        };
        return report with { Error = numbers.Error(ErrorCodes.Of(n.Error)) };
    }

    private static PowerReport Power(in TwoArmResult r, string? powerError, double? mde, long controlUnits)
    {
        long required = r.RequiredSampleSizePerArm;
        string? error = powerError ?? (required >= 0 ? null
            : controlUnits < 2 ? ErrorCodes.Of(StatisticsError.TooFewUnits) : ErrorCodes.Of(StatisticsError.InvalidInput));
        return new PowerReport
        {
            Error = error,
            MdeAbsolute = mde,
            RequiredSampleSizePerArm = required >= 0 ? required : null,
            Underpowered = r.IsUnderpowered,
        };
    }

    private static GuardrailReport Guardrail(in GuardrailLook look, GuardrailRule rule)
    {
        var numbers = new Numbers();
        var (interval, empty) = Running(numbers, look.AlwaysValidInterval);
        var report = new GuardrailReport
        {
            Direction = rule.HigherIsBetter ? "higher_better" : "lower_better",
            MaxDegradation = rule.MaxDegradation,
            Degradation = double.IsFinite(look.Degradation) ? look.Degradation : null,
            AlwaysValidInterval = interval,
            AlwaysValidPValue = numbers.Of(look.AlwaysValidPValue),
            Breached = look.Breached,
            Error = null,
        };
        return report with { Error = ErrorCodes.Of(look.Error) ?? (empty ? ErrorCodes.EmptyIntersection : null) ?? numbers.Error(null) };
    }

    // A running intersection: ±double.MaxValue (no look yet, or unbounded) is null, and an empty one is two nulls.
    private static (IntervalReport Interval, bool Empty) Running(Numbers numbers, Interval running)
    {
        if (running.Lower > running.Upper) return (new IntervalReport(null, null), true);
        return (new IntervalReport(
            Math.Abs(running.Lower) == double.MaxValue ? null : numbers.Of(running.Lower),
            Math.Abs(running.Upper) == double.MaxValue ? null : numbers.Of(running.Upper)), false);
    }

    private static IntervalReport Interval(Numbers numbers, Interval interval) =>
        new(numbers.Of(interval.Lower), numbers.Of(interval.Upper));
}
