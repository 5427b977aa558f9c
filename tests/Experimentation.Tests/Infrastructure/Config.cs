using System.Text.Json;

namespace Experimentation.Tests.Infrastructure;

/// <summary>Reading the config bundle in tests: it is pushed asynchronously, so tests wait for what they expect.</summary>
public static class Config
{
    /// <summary>Polls GET /api/config until the bundle satisfies the condition (at most 10 s).</summary>
    public static async Task<(long Version, JsonElement Bundle)> WaitFor(HttpClient http, Func<JsonElement, bool> condition)
    {
        var bundle = await Eventually.Until("the config bundle to match", async () => await (await http.GetAsync("/api/config")).Json(), condition);
        return (bundle.GetProperty("version").GetInt64(), bundle);
    }

    /// <summary>Reads the next `config` event of an SSE stream, skipping keep-alive comments.</summary>
    public static async Task<(long Id, JsonElement Bundle)> NextEvent(StreamReader reader, CancellationToken ct)
    {
        long id = -1;
        string? data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = long.Parse(line[4..]);
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            else if (line.Length == 0 && data is not null) return (id, JsonDocument.Parse(data).RootElement.Clone());
        }
        throw new EndOfStreamException("The stream ended.");
    }
}
