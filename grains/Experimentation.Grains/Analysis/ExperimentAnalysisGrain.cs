using System.Text.Json;
using Experimentation.GrainInterfaces.Analysis;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Alerts;
using Experimentation.Statistics;
using Experimentation.Statistics.Reports;
using JasperFx;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Analysis;

/// <summary>
/// One experiment's analysis. Each look reads the aggregators, runs the one analysis entry point with the sequential
/// state of the previous look, and inserts the look (report, state, chart point) into PostgreSQL before returning it,
/// so a number once shown is durable and the next look, on any activation or silo, continues from it.
/// </summary>
/// <remarks>
/// Not reentrant: looks run one at a time, so the sequence has one order. A look over data identical to the previous
/// look's (same fingerprint) is not taken again: it would repeat the same Λ, and the running minimum and intersection
/// would not move. While the experiment runs, a timer takes a look every LookIntervalSeconds (default 60).
/// </remarks>
public sealed class ExperimentAnalysisGrain(LookStore looks, TimeProvider clock, ILogger<ExperimentAnalysisGrain> logger)
    : Grain, IExperimentAnalysisGrain
{
    private AnalysisLook? _latest;
    private IGrainTimer? _timer;
    private TimeSpan _interval;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _latest = await looks.LatestAsync(Key, cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<ReportDocument?> Look()
    {
        if (await LookInputs.ReadAsync(GrainFactory, Key) is not { } data) return null;
        Schedule(data.View);
        if (_latest is { } last && last.Fingerprint == data.Fingerprint) return Document(last);
        try
        {
            return Document(await TakeAsync(data));
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another activation (a duplicate during a membership change) persisted this look number first: continue
            // its sequence rather than fork it.
            logger.LogWarning("Look {Look} of {Experiment} was taken elsewhere; continuing from the stored sequence", (_latest?.Look ?? 0) + 1, Key);
            _latest = await looks.LatestAsync(Key);
            return Document(await TakeAsync(data));
        }
    }

    public async Task<ReportDocument?> ReportAsOf(DateTimeOffset asOf) =>
        await looks.AsOfAsync(Key, asOf) is { } look ? Document(look) : null;

    public async Task<string> Looks(int maxPoints) =>
        JsonSerializer.Serialize(LookThinning.Thin(await looks.PointsAsync(Key), maxPoints), ReportJson.Options);

    public async Task<string> Sequential(int maxPoints)
    {
        var alpha = _latest is null ? AnalysisOptions.Default.Alpha
            : JsonSerializer.Deserialize<ExperimentReport>(_latest.Report, ReportJson.Options)!.Analysis.Alpha;
        var series = SequentialSeries.Of(LookThinning.Thin(await looks.PointsAsync(Key), maxPoints), alpha);
        return JsonSerializer.Serialize(series, ReportJson.Options);
    }

    public async Task Wake()
    {
        if (await GrainFactory.GetGrain<IExperimentGrain>(Key).Get() is { } view) Schedule(view);
    }

    private async Task<AnalysisLook> TakeAsync(LookData data)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var number = (_latest?.Look ?? 0) + 1;
        var outcome = ExperimentAnalyzer.Analyze(data.Input, _latest?.States);
        var m = data.Mismatches;
        var report = new ExperimentReport(Key, JsonNamingPolicy.SnakeCaseLower.ConvertName(data.View.Status.ToString()), number,
            clock.GetUtcNow(), data.AsOf, new ExcludedExposures(m.NotRunning, m.UnknownVariant, m.ConflictingVariant), outcome.Report);
        var episodes = VerdictEpisodes.Of(report, data.View.Definition, _latest?.OpenEpisodes ?? []);
        await ActOnBreachesAsync(episodes.Breaches);
        var look = new AnalysisLook
        {
            OpenEpisodes = episodes.Open,
            Id = AnalysisLook.IdOf(Key, number),
            Experiment = Key,
            Look = number,
            TakenAt = report.TakenAt,
            Fingerprint = data.Fingerprint,
            Report = JsonSerializer.Serialize(report, ReportJson.Options),
            States = new Dictionary<string, SequentialState>(outcome.States, StringComparer.Ordinal),
            Point = LookPoint.Of(report),
        };
        await looks.InsertAsync(look, session =>
        {
            foreach (var (name, alertData) in episodes.Alerts) AlertOutbox.Enqueue(session, name, Key, alertData, report.TakenAt);
        });
        _latest = look;
        Observability.DomainMeters.LookDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return look;
    }

    // Before the look is stored: if recording fails, the look is not stored either, and the next one (with the same
    // number, so the same breach ids) tries again; the experiment grain records a breach id once.
    private async Task ActOnBreachesAsync(IEnumerable<GuardrailBreach> breaches)
    {
        var experiment = GrainFactory.GetGrain<IExperimentGrain>(Key);
        foreach (var breach in breaches)
        {
            var result = await experiment.RecordGuardrailBreach(breach);
            if (result.Error is { } refused) logger.LogWarning("Guardrail breach {Breach} of {Experiment} not recorded: {Reason}", breach.BreachId, Key, refused.Message);
            else logger.LogWarning("Guardrail {Metric} breached for {Treatment} in {Experiment} at look {Look}; action {Action}",
                breach.MetricKey, breach.Treatment, Key, breach.Look, breach.Action);
        }
    }

    // Scheduled looks only while running; the timer keeps the activation alive so the schedule does not lapse.
    private void Schedule(ExperimentView view)
    {
        var interval = TimeSpan.FromSeconds(view.Definition.LookIntervalSeconds ?? ExperimentDefinition.DefaultLookIntervalSeconds);
        bool running = view.Status == ExperimentStatus.Running;
        if (running && _timer is not null && interval == _interval) return;
        _timer?.Dispose();
        _timer = null;
        if (!running) return;
        _interval = interval;
        _timer = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private async Task Tick(CancellationToken ct)
    {
        try
        {
            await Look();
        }
        catch (Exception ex)
        {
            // A missed scheduled look is only a gap in the chart; the next tick or query takes the next one.
            logger.LogWarning(ex, "Scheduled look of {Experiment} failed", Key);
        }
    }

    private static ReportDocument Document(AnalysisLook look) => new(look.Look, look.TakenAt, look.Report);
}
