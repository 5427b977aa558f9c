using System.Text.Json.Serialization;

namespace Experimentation.Client.Exposures;

/// <summary>
/// One exposure in the ingestion API's shape (<c>POST /api/events</c>). The id is made once, when the exposure is
/// logged, and every retry resends it unchanged: the server dedupes on it, so a retried batch never counts twice.
/// </summary>
/// <param name="EventId">Producer UUID, version 7 (time-ordered, so the server's index stays append-friendly).</param>
public sealed record ExposureEvent(
    Guid EventId,
    string UserId,
    DateTimeOffset Timestamp,
    string Experiment,
    string Variant)
{
    /// <summary>The ingestion API's event type for exposures.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "exposure";
}
