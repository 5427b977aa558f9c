using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;

namespace Experimentation.Grains.Analysis;

/// <summary>The aggregators' sums of one metric, per arm, as the engine's samples for the metric's test.</summary>
public static class SampleMapping
{
    public static MetricSamples Of(MetricDefinition metric, MetricSums[] arms) => metric.Type switch
    {
        MetricType.Conversion => MetricSamples.Of(arms.Select(s => new Proportion(s.Count, s.Conversions)).ToArray()),
        MetricType.Ratio => MetricSamples.Of(arms.Select(s => RatioSample.FromSums(s.Count, s.SumNumerator, s.SumDenominator,
            s.SumNumeratorSquares, s.SumDenominatorSquares, s.SumProducts)).ToArray()),
        _ => MetricSamples.Of(arms.Select(s => SampleMean.FromSums(s.Count, s.Sum, s.SumSquares)).ToArray()),
    };
}
