using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Experimentation.Statistics;
using Experimentation.Statistics.Reports;

namespace Experimentation.Benchmarks;

/// <summary>
/// One live look over 10 metrics × 3 arms (<see cref="LookWorkload"/>): the engine alone, then with what the
/// analysis grain does around it in process (the report JSON with <see cref="ReportJson.Options"/>, the chart point
/// and the states to persist). The Marten insert and the grain calls that read the aggregators are not included.
/// The minimum is reported beside the mean because the machine is shared: other processes only ever add time.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class LookBenchmark
{
    private static readonly DateTimeOffset TakenAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private ExperimentInput _input = null!;
    private IReadOnlyDictionary<string, SequentialState> _previous = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = LookWorkload.Input();
        _previous = LookWorkload.PreviousStates(_input);
        // A look where nothing is computed would measure the error paths, not the analysis.
        var report = ExperimentAnalyzer.Analyze(_input, _previous).Report;
        var compared = report.Metrics.SelectMany(m => m.Comparisons).ToArray();
        if (compared.Length != 20 || compared.Any(c => c.Error is not null || c.Sequential.Error is not null || c.PValue is null))
            throw new InvalidOperationException("The look's workload must give 20 complete comparisons.");
        if (compared.Count(c => c.Novelty is { Error: null }) != 16)
            throw new InvalidOperationException("Every mean and conversion comparison must carry a novelty check.");
    }

    [Benchmark(Baseline = true, Description = "Analyze, 10 metrics × 3 arms")]
    public AnalysisOutcome Analyze() => ExperimentAnalyzer.Analyze(_input, _previous);

    [Benchmark(Description = "Analyze + report JSON")]
    public string AnalyzeAndSerialize()
    {
        var outcome = ExperimentAnalyzer.Analyze(_input, _previous);
        return JsonSerializer.Serialize(Report(outcome), ReportJson.Options);
    }

    /// <summary>Everything ExperimentAnalysisGrain.TakeAsync computes before the insert.</summary>
    [Benchmark(Description = "Analyze + JSON + chart point + states")]
    public object WholeLookInProcess()
    {
        var outcome = ExperimentAnalyzer.Analyze(_input, _previous);
        var report = Report(outcome);
        var json = JsonSerializer.Serialize(report, ReportJson.Options);
        var states = new Dictionary<string, SequentialState>(outcome.States, StringComparer.Ordinal);
        return (json, states, LookPoint.Of(report));
    }

    private static ExperimentReport Report(AnalysisOutcome outcome) =>
        new("bench", "running", 42, TakenAt, TakenAt, new ExcludedExposures(0, 3, 1), outcome.Report);
}
