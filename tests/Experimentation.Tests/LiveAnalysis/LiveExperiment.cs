using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Tests.Infrastructure;
using Experimentation.Tests.Ingestion;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>A running experiment with one conversion metric, fed over HTTP, and its live report read over HTTP.</summary>
public sealed class LiveExperiment(HttpClient http, string key, string[] variants)
{
    public const string EventType = "purchase";

    public string Key { get; } = key;

    public static async Task<LiveExperiment> StartAsync(IGrainFactory grains, HttpClient http, string prefix, string[] variants,
        Func<ExperimentDefinition, ExperimentDefinition>? change = null)
    {
        var key = Samples.Key(prefix);
        var metric = Samples.Key($"{prefix}-bought");
        await grains.GetGrain<IMetricRegistryGrain>(0).Create(
            new MetricDefinition(metric, "Bought", MetricType.Conversion, EventType, MetricAggregation.Count, null, null, default));
        var definition = Samples.Ab() with
        {
            Type = variants.Length > 2 ? ExperimentType.Multivariate : ExperimentType.Ab,
            Variants = variants.Select((v, i) => new VariantDefinition(v, 1, "{}", IsControl: i == 0)).ToArray(),
            Metrics = [new MetricBinding(metric, MetricRole.Primary, MetricDirection.HigherBetter, 0.05)],
        };
        var grain = grains.GetGrain<IExperimentGrain>(key);
        var created = await grain.Create(change?.Invoke(definition) ?? definition);
        Assert.True(created.Accepted, created.Error?.Message);
        Assert.True((await grain.Start()).Accepted);
        return new LiveExperiment(http, key, variants);
    }

    /// <summary>Exposes <paramref name="users"/> users per arm (user ids "{arm}-{i}") at <paramref name="at"/>.</summary>
    public async Task ExposeAsync(int[] users, DateTimeOffset at)
    {
        var events = new List<object>();
        for (var a = 0; a < variants.Length; a++)
            for (var i = 0; i < users[a]; i++)
                events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = $"{Key}-{variants[a]}-{i}", timestamp = at, experiment = Key, variant = variants[a] });
        foreach (var batch in events.Chunk(5000)) await IngestAsync(http, batch);
    }

    /// <summary>Converts users [from, to) of an arm at <paramref name="at"/>.</summary>
    public async Task ConvertAsync(int arm, int from, int to, DateTimeOffset at)
    {
        var events = Enumerable.Range(from, to - from).Select(i => Metric($"{Key}-{variants[arm]}-{i}", EventType, 1, at)).ToArray();
        foreach (var batch in events.Chunk(5000)) await IngestAsync(http, batch);
    }

    public async Task<JsonElement> ReportAsync(string query = "")
    {
        using var response = await http.GetAsync($"/api/experiments/{Key}/results{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls until the report counts these units per arm and these conversions per arm; fails after 20 s.</summary>
    public Task<JsonElement> SettledAsync(long[] units, long[] conversions) =>
        Eventually.Until($"{Key} to show units {string.Join('/', units)} and conversions {string.Join('/', conversions)}",
            () => ReportAsync(),
            r => LiveReports.Units(r).SequenceEqual(units) && LiveReports.Conversions(LiveReports.Metric(r, 0)).SequenceEqual(conversions),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100),
            r => $"units {string.Join('/', LiveReports.Units(r))}, conversions {string.Join('/', LiveReports.Conversions(LiveReports.Metric(r, 0)))}");

    public static JsonElement Comparison(JsonElement report, int treatment = 0) =>
        LiveReports.Metric(report, 0).GetProperty("comparisons")[treatment];

    public static double AlwaysValidP(JsonElement comparison) =>
        comparison.GetProperty("sequential").GetProperty("alwaysValidPValue").GetDouble();
}
