using Experimentation.Gateway.Contracts.Analysis;
using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Statistics;
using DecisionMode = Experimentation.Statistics.DecisionMode;

namespace Experimentation.Gateway.Analysis;

/// <summary>Checks the metric type, alpha and options of an analysis request, filling in the platform's defaults.</summary>
public static class SettingsReader
{
    public static InputError? Read(AnalysisMetricType? metricType, double? alpha, AnalysisOptionsRequest? o, out AnalysisSettings settings,
        AnalysisEngine? engine = null)
    {
        settings = null!;
        if (metricType is not { } type) return new("metricType", "is required");
        double a = alpha ?? AnalysisOptions.Default.Alpha;
        if (Probability(a, "alpha") is { } badAlpha) return badAlpha;
        o ??= new AnalysisOptionsRequest();

        double power = o.Power ?? AnalysisOptions.Default.Power;
        if (Probability(power, "options.power") is { } badPower) return badPower;
        if (o.Mde is { } mde && !(mde > 0 && double.IsFinite(mde))) return new("options.mde", "must be a positive number");

        var sequential = o.Sequential ?? new SequentialOptionsRequest();
        if (sequential.Tau2 is not null && sequential.NStar is not null)
            return new("options.sequential", "give tau2 or nStar, not both");
        if (sequential.Tau2 is { } tau2 && !(tau2 > 0 && double.IsFinite(tau2))) return new("options.sequential.tau2", "must be a positive number");
        if (sequential.NStar is { } nStar && !(nStar > 0 && double.IsFinite(nStar))) return new("options.sequential.nStar", "must be a positive number");
        if (sequential.NullEffect is { } theta0 && !double.IsFinite(theta0)) return new("options.sequential.nullEffect", "must be a finite number");

        if (o.Guardrail is { } guardrail)
        {
            if (guardrail.Direction is null) return new("options.guardrail.direction", "is required");
            if (guardrail.MaxDegradation is { } max && !(max >= 0 && double.IsFinite(max)))
                return new("options.guardrail.maxDegradation", "must be a number at least 0");
        }

        BayesianSettings? bayesian = null;
        bool? higherIsBetter = null;
        if (engine == AnalysisEngine.Bayesian)
        {
            var b = o.Bayesian ?? new BayesianOptionsRequest();
            NormalPrior? prior = null;
            if (b.Prior is { } p)
            {
                if (p.Variance is not { } variance) return new("options.bayesian.prior.variance", "is required");
                if (!(variance > 0 && double.IsFinite(variance))) return new("options.bayesian.prior.variance", "must be a positive number");
                if (p.Mean is { } m && !double.IsFinite(m)) return new("options.bayesian.prior.mean", "must be a finite number");
                prior = new NormalPrior(p.Mean ?? 0, variance);
            }
            bayesian = new BayesianSettings
            {
                Scale = b.EffectScale == BayesianEffectScale.Absolute ? EffectScale.Absolute : EffectScale.Relative,
                Prior = prior,
            };
            higherIsBetter = b.Direction is { } d ? d == MetricDirection.HigherBetter : null;
        }
        else if (o.Bayesian is not null) return new("options.bayesian", "needs \"engine\": \"bayesian\"");

        // sequentialBadge is the older spelling of decisionMode: sequential; both may be given only if they agree.
        var mode = o.DecisionMode ?? (o.SequentialBadge == true ? DecisionMode.Sequential : DecisionMode.FixedHorizon);
        if (o.DecisionMode is { } given && o.SequentialBadge is { } badge && badge != (given == DecisionMode.Sequential))
            return new("options.sequentialBadge", $"contradicts options.decisionMode ({JsonNamingPolicy.SnakeCaseLower.ConvertName(given.ToString())}); give one of them");

        var options = new AnalysisOptions
        {
            Alpha = a,
            DegreesOfFreedom = o.DfMethod ?? DegreesOfFreedomMethod.Welch,
            ContinuityCorrection = o.ContinuityCorrection ?? false,
            TauSquared = sequential.Tau2,
            NStar = sequential.NStar ?? MixtureSequentialTest.DefaultNStar,
            NullEffect = sequential.NullEffect ?? 0,
            Correction = o.Correction switch
            {
                CorrectionOption.Holm => CorrectionMethod.Holm,
                CorrectionOption.None => CorrectionMethod.None,
                _ => CorrectionMethod.BenjaminiHochberg,
            },
            Power = power,
            DecisionMode = mode,
        };
        var experiment = new ExperimentSettings
        {
            Options = options, Mde = o.Mde, MdeIsRelative = (o.MdeType ?? MdeType.Relative) == MdeType.Relative, Bayesian = bayesian,
        };
        var rule = o.Guardrail is { } g
            ? new GuardrailRule(g.Direction == MetricDirection.HigherBetter, g.MaxDegradation ?? Guardrail.DefaultMaxDegradation)
            : null;
        settings = new AnalysisSettings(type, experiment, rule, higherIsBetter);
        return null;
    }

    /// <summary>Alpha and power are probabilities strictly between 0 and 1.</summary>
    public static InputError? Probability(double value, string field) =>
        value > 0 && value < 1 ? null : new(field, "must be between 0 and 1, exclusive");
}
