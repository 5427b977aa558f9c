using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Grains.Ingestion;

namespace Experimentation.LoadGen;

/// <summary>
/// Bytes a shard's fold holds per exposed user of one experiment with two bound metrics, measured in process from
/// the managed heap (GC.GetTotalMemory after a full collection), with and without metric events per user, and with
/// events before exposure that the CUPED pre-period folds as each user's covariate.
/// </summary>
public static class ShardMemory
{
    public static void Report(int users)
    {
        foreach (var (eventsPerUser, preEventsPerUser, preDays) in new[] { (0, 0, 0), (4, 0, 0), (4, 0, 14), (4, 4, 14) })
        {
            var plans = new Dictionary<string, ExperimentPlan>
            {
                ["bench"] = new("bench", true, ["control", "green"],
                [
                    new MetricDefinition("revenue", "Revenue", MetricType.Mean, "purchase", MetricAggregation.Sum, null, null, default),
                    new MetricDefinition("converted", "Purchased", MetricType.Conversion, "purchase", MetricAggregation.Count, null, null, default),
                ], new ExperimentWindow(DateTimeOffset.UtcNow.AddDays(-1), null), 1, preDays),
            };
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var state = new ShardState(plans);
            var start = DateTimeOffset.UtcNow.AddHours(-2);
            long seq = 0;
            for (var u = 0; u < users; u++)
            {
                var user = $"user-{u:D8}";
                state.Apply(new RawEvent(Guid.NewGuid(), ++seq, RawEventKind.Exposure, user, start.AddSeconds(u % 3600), "bench",
                    u % 2 == 0 ? "control" : "green", null, null, start));
                for (var k = 1; k <= preEventsPerUser; k++)
                    state.Apply(new RawEvent(Guid.NewGuid(), ++seq, RawEventKind.Metric, user, start.AddDays(-k), null, null,
                        "purchase", k, start));
                for (var k = 1; k <= eventsPerUser; k++)
                    state.Apply(new RawEvent(Guid.NewGuid(), ++seq, RawEventKind.Metric, user, start.AddSeconds(u % 3600 + k), null, null,
                        "purchase", k, start));
            }
            var after = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"memory: {users:N0} exposed users, {eventsPerUser} metric events and {preEventsPerUser} pre-exposure events each, "
                + $"CUPED pre-period {preDays} days: {(after - before) / (double)users:F0} bytes per exposed user");
            GC.KeepAlive(state);
        }
    }
}
