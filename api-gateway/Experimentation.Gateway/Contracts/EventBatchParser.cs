using System.Text.Json;
using Experimentation.GrainInterfaces.Events;

namespace Experimentation.Gateway.Contracts;

/// <summary>
/// Reads a POST /api/events body, a JSON array or NDJSON (one object per line), into events, and records every
/// problem of shape (wrong JSON type, unparseable timestamp, a line that is not JSON) with its index and field. Rules
/// about content are <see cref="EventValidator"/>'s; the parser leaves fields it cannot read at values the validator
/// refuses, so each bad field is reported once.
/// </summary>
public static class EventBatchParser
{
    public sealed record Parsed(List<IngestEvent> Events, List<EventError> Errors);

    public static Parsed Parse(ReadOnlyMemory<byte> body, bool ndjson)
    {
        var events = new List<IngestEvent>();
        var errors = new List<EventError>();
        var span = body.Span;
        var start = 0;
        while (start < span.Length && IsWhitespace(span[start])) start++;
        if (start == span.Length)
        {
            errors.Add(new EventError(0, "body", "the batch is empty"));
            return new Parsed(events, errors);
        }

        if (!ndjson && span[start] == (byte)'[') ParseArray(body, events, errors);
        else ParseLines(body, events, errors);
        return new Parsed(events, errors);
    }

    private static void ParseArray(ReadOnlyMemory<byte> body, List<IngestEvent> events, List<EventError> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            errors.Add(new EventError(0, "body", $"is not a valid JSON array: {ex.Message}"));
            return;
        }
        using (document)
        {
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (!WithinLimit(events.Count, errors)) return;
                events.Add(Read(events.Count, element, errors));
            }
        }
    }

    private static void ParseLines(ReadOnlyMemory<byte> body, List<IngestEvent> events, List<EventError> errors)
    {
        var rest = body;
        while (!rest.IsEmpty)
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
            if (line.Span.Trim(" \t\r"u8).IsEmpty) continue;
            if (!WithinLimit(events.Count, errors)) return;
            try
            {
                using var document = JsonDocument.Parse(line);
                events.Add(Read(events.Count, document.RootElement, errors));
            }
            catch (JsonException ex)
            {
                errors.Add(new EventError(events.Count, "body", $"line {events.Count + 1} is not valid JSON: {ex.Message}"));
                events.Add(Invalid);
            }
        }
    }

    private static bool WithinLimit(int count, List<EventError> errors)
    {
        if (count < EventLimits.MaxBatchEvents) return true;
        errors.Add(new EventError(count, "body", $"a batch holds at most {EventLimits.MaxBatchEvents} events"));
        return false;
    }

    private static IngestEvent Read(int i, JsonElement e, List<EventError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new EventError(i, "body", "must be a JSON object"));
            return Invalid;
        }
        var eventId = Guid.Empty;
        if (String(i, e, "eventId", errors) is { } id && !Guid.TryParse(id, out eventId))
            errors.Add(new EventError(i, "eventId", "must be a UUID"));
        var kind = String(i, e, "type", errors) switch
        {
            "exposure" => EventKind.Exposure,
            "metric" => EventKind.Metric,
            _ => (EventKind)(-1),
        };
        return new IngestEvent(eventId, kind, String(i, e, "userId", errors) ?? "", Timestamp(i, e, errors),
            String(i, e, "experiment", errors), String(i, e, "variant", errors), String(i, e, "eventType", errors),
            Number(i, e, "value", errors));
    }

    private static string? String(int i, JsonElement e, string field, List<EventError> errors)
    {
        if (!e.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind == JsonValueKind.String) return p.GetString();
        errors.Add(new EventError(i, field, "must be a string"));
        return null;
    }

    private static double? Number(int i, JsonElement e, string field, List<EventError> errors)
    {
        if (!e.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out var value)) return value;
        errors.Add(new EventError(i, field, "must be a number"));
        return null;
    }

    // An explicit offset is required: a timestamp without one would be read in the server's time zone.
    private static DateTimeOffset Timestamp(int i, JsonElement e, List<EventError> errors)
    {
        if (String(i, e, "timestamp", errors) is not { } text)
        {
            if (!e.TryGetProperty("timestamp", out var p) || p.ValueKind == JsonValueKind.Null)
                errors.Add(new EventError(i, "timestamp", "is required"));
            return default;
        }
        var t = text.IndexOf('T');
        var hasOffset = t > 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.IndexOfAny(['+', '-'], t) > 0);
        if (hasOffset && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var value))
            return value;
        errors.Add(new EventError(i, "timestamp", "must be an ISO 8601 date-time with an offset, such as 2025-01-31T12:00:00Z"));
        return default;
    }

    private static readonly IngestEvent Invalid = new(Guid.Empty, (EventKind)(-1), "", default, null, null, null, null);

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
