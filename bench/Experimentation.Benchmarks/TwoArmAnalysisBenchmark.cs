using BenchmarkDotNet.Attributes;
using Experimentation.Statistics;

namespace Experimentation.Benchmarks;

/// <summary>
/// One complete two-arm analysis of one metric, as live results run it on every update: Welch test, CI, relative
/// CI, mSPRT look, SRM and badge.
/// </summary>
[MemoryDiagnoser]
public class TwoArmAnalysisBenchmark
{
    private readonly AnalysisOptions _options = new() { Mde = 0.2 };
    private SampleMean _control;
    private SampleMean _treatment;
    private Proportion _controlConversions;
    private Proportion _treatmentConversions;
    private SequentialState _state;

    [GlobalSetup]
    public void Setup()
    {
        _control = SampleMean.FromMoments(48_000, 10.0, 25.0);
        _treatment = SampleMean.FromMoments(48_500, 10.12, 26.0);
        _controlConversions = new Proportion(48_000, 4_800);
        _treatmentConversions = new Proportion(48_500, 5_050);
        _state = TwoArmAnalysis.Analyze(SampleMean.FromMoments(24_000, 10.0, 25.0), SampleMean.FromMoments(24_300, 10.1, 26.0), _options)
            .Sequential.State;
    }

    [Benchmark(Baseline = true)]
    public TwoArmResult MeanMetricWelch() => TwoArmAnalysis.Analyze(_control, _treatment, _options, _state);

    [Benchmark]
    public TwoArmResult ConversionMetricChiSquared() =>
        TwoArmAnalysis.Analyze(_controlConversions, _treatmentConversions, _options, _state);
}
