using System.Text.Json;

namespace Experimentation.Tests.Ingestion;

/// <summary>Reads the parts of a live report (GET /api/experiments/{key}/results) that tests compare.</summary>
public static class LiveReports
{
    public static JsonElement Analysis(JsonElement report) => report.GetProperty("analysis");

    /// <summary>The units (exposed users) per arm, control first.</summary>
    public static long[] Units(JsonElement report) =>
        Analysis(report).GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("units").GetInt64()).ToArray();

    public static JsonElement Metric(JsonElement report, int index) => Analysis(report).GetProperty("metrics")[index];

    /// <summary>A conversion metric's converted units per arm: the rate times n, which is exact after rounding.</summary>
    public static long[] Conversions(JsonElement metric) => metric.GetProperty("arms").EnumerateArray()
        .Select(a => (long)Math.Round((a.GetProperty("mean").ValueKind == JsonValueKind.Null ? 0 : a.GetProperty("mean").GetDouble())
            * a.GetProperty("n").GetInt64())).ToArray();
}
