using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Alerts;
using Experimentation.Statistics;
using Experimentation.Statistics.Reports;

namespace Experimentation.Grains.Analysis;

/// <summary>
/// What a look's verdicts set off. Each verdict (SRM, a guardrail breach, efficacy, futility, novelty) of the
/// experiment or of a metric and treatment is an episode: it opens at the first look that shows it and closes at the
/// first look that does not. Only an opening acts (a breach, an alert), so each is raised once per episode, and a new
/// episode after recovery raises it again.
/// </summary>
/// <remarks>
/// The always-valid evidence only accumulates, so a guardrail episode closes only when the estimate comes back within
/// the tolerance. A person who resumes a guardrail pause overrides the open episode; the next episode pauses again.
/// </remarks>
public sealed record VerdictEpisodes(string[] Open, GuardrailBreach[] Breaches, (string Event, object Data)[] Alerts)
{
    public static VerdictEpisodes Of(ExperimentReport report, ExperimentDefinition definition, IReadOnlyCollection<string> previouslyOpen)
    {
        var open = new List<string>();
        var breaches = new List<GuardrailBreach>();
        var alerts = new List<(string, object)>();
        void Episode(string key, bool now, Action onOpen)
        {
            if (!now) return;
            open.Add(key);
            if (!previouslyOpen.Contains(key)) onOpen();
        }

        var analysis = report.Analysis;
        Episode("srm", analysis.Srm.Flagged, () => alerts.Add((AlertEvents.SrmDetected, new { srm = analysis.Srm, arms = analysis.Arms, look = report.Look })));
        foreach (var metric in analysis.Metrics)
        {
            var binding = definition.Metrics.FirstOrDefault(b => b.MetricKey == metric.Key);
            foreach (var c in metric.Comparisons)
            {
                var at = $"{metric.Key}/{c.Treatment}";
                object Data() => new { metric = metric.Key, treatment = c.Treatment, control = c.Control, look = report.Look, comparison = c };
                if (c.Guardrail is { } g && binding is not null)
                    Episode($"guardrail/{at}", g.Breached, () => breaches.Add(new GuardrailBreach($"{at}/{report.Look}", metric.Key!, c.Treatment,
                        g.Degradation, g.AlwaysValidInterval.Lower, g.AlwaysValidInterval.Upper, g.MaxDegradation, report.Look, report.TakenAt, binding.Action)));
                if (metric.Role == AnalysisRole.Primary)
                {
                    Episode($"efficacy/{at}", c.Sequential.StopForEfficacy, () => alerts.Add((AlertEvents.SequentialEfficacy, Data())));
                    Episode($"futility/{at}", c.Sequential.StopForFutility, () => alerts.Add((AlertEvents.SequentialFutility, Data())));
                }
                Episode($"novelty/{at}", c.Novelty?.Flagged == true, () => alerts.Add((AlertEvents.NoveltyDetected, Data())));
            }
        }
        return new VerdictEpisodes(open.ToArray(), breaches.ToArray(), alerts.ToArray());
    }
}
