using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// A running experiment with three bound metrics (a conversion, a summed mean and a ratio), plus helpers to post
/// events over HTTP and to read the aggregators once they reflect what was posted.
/// </summary>
public sealed class IngestionScenario
{
    public const string PurchaseType = "purchase";
    public const string ClickType = "click";

    private IngestionScenario(string experiment, string converted, string revenue, string perClick)
    {
        Experiment = experiment;
        Converted = converted;
        Revenue = revenue;
        RevenuePerClick = perClick;
    }

    public string Experiment { get; }
    public string Converted { get; }
    public string Revenue { get; }
    public string RevenuePerClick { get; }

    /// <summary>Registers the metrics, creates the experiment and, unless told otherwise, starts it.</summary>
    public static async Task<IngestionScenario> CreateAsync(IGrainFactory grains, bool start = true)
    {
        var s = new IngestionScenario(Samples.Key("exp"), Samples.Key("conv"), Samples.Key("rev"), Samples.Key("rpc"));
        var registry = grains.GetGrain<IMetricRegistryGrain>(0);
        await registry.Create(new MetricDefinition(s.Converted, "Purchased", MetricType.Conversion, PurchaseType, MetricAggregation.Count, null, null, default));
        await registry.Create(new MetricDefinition(s.Revenue, "Revenue", MetricType.Mean, PurchaseType, MetricAggregation.Sum, null, null, default));
        await registry.Create(new MetricDefinition(s.RevenuePerClick, "Revenue per click", MetricType.Ratio, PurchaseType, MetricAggregation.Sum, PurchaseType, ClickType, default));
        var definition = Samples.Ab() with
        {
            Metrics =
            [
                new MetricBinding(s.Converted, MetricRole.Primary, MetricDirection.HigherBetter, 0.05),
                new MetricBinding(s.Revenue, MetricRole.Primary, MetricDirection.HigherBetter, 0.05),
                new MetricBinding(s.RevenuePerClick, MetricRole.Guardrail, MetricDirection.HigherBetter, 0.05),
            ],
        };
        var experiment = grains.GetGrain<IExperimentGrain>(s.Experiment);
        var created = await experiment.Create(definition);
        Assert.True(created.Accepted, created.Error?.Message);
        if (start) Assert.True((await experiment.Start()).Accepted);
        return s;
    }

    /// <summary>
    /// A fresh running experiment and one user on each shard, to prove that every shard has processed what it was
    /// sent before: a shard commits, folds and pushes its batches one after another, so once the probe counts all
    /// of its users (one exposure each, sent after the batches in question), every earlier batch of every shard has
    /// reached the aggregators.
    /// </summary>
    public static async Task<(IngestionScenario Probe, string[] Users)> ProbeEveryShardAsync(IGrainFactory grains)
    {
        var probe = await CreateAsync(grains);
        var users = Enumerable.Range(0, PlatformFixture.Shards).Select(shard =>
            Enumerable.Range(0, int.MaxValue).Select(i => $"probe-{shard}-{i}").First(u => UserShards.Of(u, PlatformFixture.Shards) == shard));
        return (probe, users.ToArray());
    }

    public object Exposure(string user, string variant, DateTimeOffset at, Guid? id = null) => new
    {
        eventId = id ?? Guid.NewGuid(), type = "exposure", userId = user, timestamp = at, experiment = Experiment, variant,
    };

    public static object Metric(string user, string eventType, double value, DateTimeOffset at, Guid? id = null) => new
    {
        eventId = id ?? Guid.NewGuid(), type = "metric", userId = user, timestamp = at, eventType, value,
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, IEnumerable<object> events) =>
        await http.PostAsJsonAsync("/api/events", events.ToArray());

    public static async Task<HttpResponseMessage> PostNdjsonAsync(HttpClient http, IEnumerable<object> events)
    {
        var lines = string.Join('\n', events.Select(e => JsonSerializer.Serialize(e)));
        return await http.PostAsync("/api/events", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
    }

    /// <summary>Posts and asserts 202; returns (accepted, duplicates).</summary>
    public static async Task<(int Accepted, int Duplicates)> IngestAsync(HttpClient http, IEnumerable<object> events)
    {
        using var response = await PostAsync(http, events);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("accepted").GetInt32(), json.RootElement.GetProperty("duplicates").GetInt32());
    }

    /// <summary>The mean statistics the engine derives from a metric's shifted sums.</summary>
    public static SampleMean Moments(MetricSums sums)
    {
        var v = sums.Values.Fold();
        return SampleMean.FromShiftedSums(v.Count, v.ShiftX, v.SumX, v.SumXX);
    }

    /// <summary>
    /// n, Σx and Σx² of a mean metric from the <c>statistics</c> (shifted sums) of the results JSON. Exact for
    /// integer-valued metrics, whose shifts and shifted sums are integers; for others it would cancel.
    /// </summary>
    public static (long N, double Sum, double SumSquares) RawSums(JsonElement statistics)
    {
        var v = statistics.GetProperty("values");
        long n = v.GetProperty("count").GetInt64(), shifted = n - v.GetProperty("zeros").GetInt64();
        double k = v.GetProperty("shiftX").GetDouble(), s1 = v.GetProperty("sumX").GetDouble(), s2 = v.GetProperty("sumXX").GetDouble();
        return (n, shifted * k + s1, s2 + 2 * k * s1 + shifted * k * k);
    }

    public async Task<VariantStatistics> StatisticsAsync(IGrainFactory grains, string variant) =>
        await grains.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(Experiment, variant)).Get();

    /// <summary>
    /// Waits until the variant has <paramref name="exposed"/> users: partials are pushed right after the commit that
    /// answered 202, so the aggregators lag by at most one push. Fails when they do not get there.
    /// </summary>
    public Task<VariantStatistics> SettledAsync(IGrainFactory grains, string variant, long exposed, Func<VariantStatistics, bool>? also = null,
        [CallerArgumentExpression(nameof(also))] string alsoText = "") =>
        Eventually.Until($"{Experiment}/{variant} to count {exposed} exposed users{(also is null ? "" : " and " + alsoText)}",
            () => StatisticsAsync(grains, variant), stats => stats.ExposedUsers == exposed && (also?.Invoke(stats) ?? true));
}
