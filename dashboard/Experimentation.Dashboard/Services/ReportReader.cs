using System.Text.Json;
using Experimentation.Statistics.Reports;

namespace Experimentation.Dashboard.Services;

/// <summary>
/// Reads the JSON the analysis grain produces (the text GET /results returns) into the statistics engine's report
/// model with the engine's own options, so the page and the API cannot disagree on a number.
/// </summary>
public static class ReportReader
{
    public static ExperimentReport Report(string json) => Read<ExperimentReport>(json);

    public static LookPoint[] Looks(string json) => Read<LookPoint[]>(json);

    public static SequentialSeries[] Sequential(string json) => Read<SequentialSeries[]>(json);

    private static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, ReportJson.Options) ?? throw new JsonException($"The analysis returned null for {typeof(T).Name}.");
}
