using System.Buffers;
using System.Text.Json;

namespace Experimentation.LoadGen;

/// <summary>
/// Writes the load's events as JSON array bodies: each user gets one exposure followed by metric events (purchases
/// with integer values), so every event after the exposure counts.
/// </summary>
public sealed class EventWriter(string experiment, int eventsPerUser, DateTimeOffset start)
{
    public byte[] Batch(long firstEvent, int count, string userPrefix = "load")
    {
        var buffer = new ArrayBufferWriter<byte>(count * 200);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var e = firstEvent; e < firstEvent + count; e++)
            {
                var user = e / eventsPerUser;
                var k = (int)(e % eventsPerUser);
                var at = start.AddSeconds(user % 3600 + k);
                json.WriteStartObject();
                json.WriteString("eventId", Guid.CreateVersion7());
                json.WriteString("userId", $"{userPrefix}-{user}");
                json.WriteString("timestamp", at);
                if (k == 0)
                {
                    json.WriteString("type", "exposure");
                    json.WriteString("experiment", experiment);
                    json.WriteString("variant", user % 2 == 0 ? "control" : "green");
                }
                else
                {
                    json.WriteString("type", "metric");
                    json.WriteString("eventType", "purchase");
                    json.WriteNumber("value", (user * 7 + k) % 50);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
