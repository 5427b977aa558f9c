namespace Experimentation.Gateway.Contracts;

/// <summary>The 202 answer to POST /api/events: every event of the batch is durable.</summary>
/// <param name="Accepted">Events stored by this request.</param>
/// <param name="Duplicates">Events whose eventId was already stored (a retry) or repeated within the batch.</param>
public sealed record IngestResponse(int Accepted, int Duplicates);
