using Experimentation.Statistics.Reports;

namespace Experimentation.Statistics;

/// <summary>
/// A look's report, and the sequential state of every (metric, treatment) to persist with it and pass to the next
/// look (keys from <see cref="ExperimentAnalyzer.StateKey"/>), plus, for guardrail metrics, the guardrail test's own
/// running state (keys from <see cref="ExperimentAnalyzer.GuardrailStateKey"/>).
/// </summary>
public sealed record AnalysisOutcome(AnalysisReport Report, IReadOnlyDictionary<string, SequentialState> States);
