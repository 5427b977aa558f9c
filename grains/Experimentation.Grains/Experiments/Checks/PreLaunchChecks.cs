using System.Globalization;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Grains.Namespaces;
using Experimentation.Statistics;

namespace Experimentation.Grains.Experiments.Checks;

/// <summary>
/// The pre-launch checks, computed in this one place from <see cref="PreLaunchInputs"/>: the grain's GET checks,
/// its submission and approval gates, and the dashboard all read these. docs/experiments.md has the table.
/// </summary>
public static class PreLaunchChecks
{
    /// <summary>The planning level and power, those of POST /api/power's defaults.</summary>
    public const double Alpha = 0.05, Power = 0.8;

    public const string PrimaryMetric = "primary_metric", Mde = "mde", SampleSize = "sample_size", Duration = "duration",
        NamespaceSlots = "namespace_slots", Guardrails = "guardrails", VariantConfigs = "variant_configs";

    public static PreLaunchCheck[] Run(PreLaunchInputs inputs)
    {
        var d = inputs.Definition;
        var size = SampleSizeCheck(d, inputs.PrimaryMetric, inputs.Recent);
        return
        [
            PrimaryMetricCheck(d),
            MdeCheck(d),
            size,
            DurationCheck(d, size.Status == CheckStatus.Pass ? (long?)size.Value : null, inputs.Namespace?.TotalSlots),
            NamespaceCheck(inputs),
            GuardrailCheck(d),
            VariantConfigChecks.Check(d.Variants),
        ];
    }

    /// <summary>The failing checks as one sentence, for the 409 that refuses a submission or an approval.</summary>
    public static string? Failures(PreLaunchCheck[] checks)
    {
        var failed = checks.Where(c => c.Status == CheckStatus.Fail).Select(c => $"{c.Name} ({c.Reason})").ToArray();
        return failed.Length == 0 ? null : "Pre-launch checks fail: " + string.Join("; ", failed);
    }

    private static PreLaunchCheck PrimaryMetricCheck(ExperimentDefinition d)
    {
        var primary = d.Metrics.Where(m => m.Role == MetricRole.Primary).Select(m => $"'{m.MetricKey}'").ToArray();
        return primary.Length == 0
            ? new(PrimaryMetric, CheckStatus.Fail, "No primary metric is bound: bind the metric that decides the experiment with role primary.")
            : new(PrimaryMetric, CheckStatus.Pass, $"Primary: {string.Join(", ", primary)}.");
    }

    private static PreLaunchCheck MdeCheck(ExperimentDefinition d) =>
        d.Mde is { } mde
            ? new(Mde, CheckStatus.Pass, Text($"The minimum detectable effect is {mde:P2}, relative."), mde)
            : new(Mde, CheckStatus.Fail, "No mde is set: give the smallest relative effect worth detecting, for example 0.02.");

    private static PreLaunchCheck SampleSizeCheck(ExperimentDefinition d, MetricDefinition? metric, RecentBaseline? recent)
    {
        PreLaunchCheck Warn(string reason) => new(SampleSize, CheckStatus.Warn, reason);
        if (metric is null) return Warn("Needs a primary metric to plan for.");
        if (d.Mde is not { } mde) return Warn("Needs an mde to plan for.");
        if (metric.Type == MetricType.Percentile) return Warn($"'{metric.Key}' is a percentile metric, which has no sample-size formula here.");
        bool conversion = metric.Type == MetricType.Conversion;

        double baseline, sd;
        string source;
        if (d.Power?.Baseline is { } given)
        {
            if (conversion && !(given > 0 && given < 1))
                return new(SampleSize, CheckStatus.Fail, $"power.baseline must be a rate between 0 and 1, exclusive, for the conversion metric '{metric.Key}'.");
            if (!conversion && d.Power.StandardDeviation is null)
                return Warn($"power.standardDeviation is needed with power.baseline for the {Name(metric.Type)} metric '{metric.Key}'.");
            baseline = given;
            sd = conversion ? Math.Sqrt(given * (1 - given)) : d.Power.StandardDeviation!.Value;
            source = "power inputs of the definition";
        }
        else if (recent is not null)
        {
            if (conversion && !(recent.Mean > 0 && recent.Mean < 1))
                return Warn(Text($"The recent conversion rate of '{metric.Key}' is {recent.Mean}, which cannot be planned with: give power.baseline."));
            if (!(recent.StandardDeviation > 0))
                return Warn($"The recent data of '{metric.Key}' has no spread: give power.baseline and power.standardDeviation.");
            baseline = recent.Mean;
            sd = recent.StandardDeviation;
            source = Text($"control of '{recent.Experiment}', {recent.Users} users");
        }
        else
        {
            return Warn(conversion
                ? $"Give power.baseline (the expected rate of '{metric.Key}'): no started experiment has recent data for it."
                : $"Give power.baseline and power.standardDeviation for '{metric.Key}': no started experiment has recent data for it.");
        }

        double absolute = mde * Math.Abs(baseline);
        if (absolute == 0) return new(SampleSize, CheckStatus.Fail, "The mde is relative, and a baseline of 0 leaves nothing to detect.");
        // A conversion's variance is p(1 − p) at the baseline in both arms, as POST /api/power plans it by default.
        long perArm = conversion
            ? PowerAnalysis.SampleSizePerArmForConversion(baseline, absolute, Alpha, Power)
            : PowerAnalysis.SampleSizePerArm(sd * sd, absolute, Alpha, Power);
        // As POST /api/power: beyond long's range (saturated, or negative from NaN) is no count at all.
        if (perArm < 0 || perArm > long.MaxValue / d.Variants.Length)
            return new(SampleSize, CheckStatus.Fail, "The mde is too small: the sample size is beyond any count.");
        return new(SampleSize, CheckStatus.Pass, Text(
            $"{perArm} users per arm detect a {mde:P2} relative change in '{metric.Key}' (baseline {baseline:G6}, standard deviation {sd:G6}, from the {source}) at α = {Alpha} and power {Power}."),
            perArm);
    }

    private static PreLaunchCheck DurationCheck(ExperimentDefinition d, long? perArm, int? namespaceSlots)
    {
        PreLaunchCheck Warn(string reason) => new(Duration, CheckStatus.Warn, reason);
        if (perArm is not { } n) return Warn("Needs the required sample size (see sample_size).");
        if (d.Power?.ExpectedDailyUsers is not { } daily) return Warn("Give power.expectedDailyUsers to estimate how long the experiment runs.");
        // The share of the daily users who enter: the traffic percent of the namespace slots claimed.
        double share = d.TrafficPercent / 100;
        if (d.Namespace is { } claim && namespaceSlots is > 0) share *= Math.Min(1, (double)claim.Slots / namespaceSlots.Value);
        if (share == 0) return Warn("trafficPercent is 0: nobody enters until it is ramped up.");
        // The smallest arm needs n; arms share the entrants by weight.
        var weights = d.Variants.Select(v => (double)v.Weight).ToArray();
        double users = n * weights.Sum() / weights.Min();
        double days = Math.Ceiling(users / (daily * share));
        var estimate = Text($"About {days} days: {Math.Ceiling(users)} users at {daily * share:G6} entering a day ({daily} a day × {share:P2}).");
        if (d.StartDate is { } start && d.EndDate is { } end && days > (end - start).TotalDays)
            return new(Duration, CheckStatus.Warn, Text($"{estimate} The schedule from startDate to endDate spans only {(end - start).TotalDays:G4} days."), days);
        return new(Duration, CheckStatus.Pass, estimate, days);
    }

    // A collision fails, as every check does that the experiment could not start with as defined now: the start would
    // be refused with the same names. Approval runs the checks again, so a namespace that filled up since submission
    // stops it there.
    private static PreLaunchCheck NamespaceCheck(PreLaunchInputs inputs)
    {
        if (inputs.Definition.Namespace is not { } claim)
            return new(NamespaceSlots, CheckStatus.Pass, "No namespace: the experiment is its own layer and shares no slots.");
        if (inputs.Namespace is not { } ns) return new(NamespaceSlots, CheckStatus.Fail, $"Namespace '{claim.Key}' does not exist.");
        if (ns.Allocations.Any(a => a.ExperimentKey == inputs.Key))
            return new(NamespaceSlots, CheckStatus.Pass, $"Holds its slots in namespace '{ns.Key}'.", ns.FreeSlots);
        if (SlotAllocator.FirstFit(ns.Allocations, ns.TotalSlots, inputs.Key, claim.Slots) is { } range)
            return new(NamespaceSlots, CheckStatus.Pass,
                $"Slots [{range.Start}, {range.End}) of namespace '{ns.Key}' are free now ({ns.FreeSlots} of {ns.TotalSlots} free).", ns.FreeSlots);
        var inTheWay = string.Join(", ", ns.Allocations.OrderBy(a => a.Start).Select(a => $"'{a.ExperimentKey}' [{a.Start}, {a.End})"));
        return new(NamespaceSlots, CheckStatus.Fail,
            $"Namespace '{ns.Key}' has no {claim.Slots} contiguous free slots now ({ns.FreeSlots} of {ns.TotalSlots} free); in the way: {inTheWay}.",
            ns.FreeSlots);
    }

    private static PreLaunchCheck GuardrailCheck(ExperimentDefinition d)
    {
        var guardrails = d.Metrics.Where(m => m.Role == MetricRole.Guardrail).Select(m => $"'{m.MetricKey}'").ToArray();
        return guardrails.Length == 0
            ? new(Guardrails, CheckStatus.Warn, "No guardrail metric is bound: nothing pauses the experiment if it does harm.")
            : new(Guardrails, CheckStatus.Pass, $"Guardrails: {string.Join(", ", guardrails)}.");
    }

    private static string Name(MetricType type) => type == MetricType.Ratio ? "ratio" : "mean";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
