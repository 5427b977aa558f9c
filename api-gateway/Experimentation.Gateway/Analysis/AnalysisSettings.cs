using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Analysis;

/// <summary>Validated settings of an analysis request, as the engine's experiment settings.</summary>
public sealed record AnalysisSettings(AnalysisMetricType MetricType, ExperimentSettings Experiment, GuardrailRule? Guardrail,
    bool? HigherIsBetter = null);
