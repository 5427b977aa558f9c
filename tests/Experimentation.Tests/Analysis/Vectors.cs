using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Analysis;

/// <summary>
/// The statistics engine's reference vectors (tests/Experimentation.Statistics.Tests/vectors), with the engine tests'
/// tolerances, and helpers to post them and read numbers back from the JSON reply.
/// </summary>
internal static class Vectors
{
    /// <summary>Closed-form algebra, as in the engine tests.</summary>
    public const double Algebra = 1e-9;

    /// <summary>Anything through a CDF or a quantile, as in the engine tests.</summary>
    public const double Distribution = 1e-7;

    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(Load);

    public static TheoryData<string> Ids(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var (id, element) in Cases.Value)
            if (element.GetProperty("kind").GetString() == kind) data.Add(id);
        return data;
    }

    public static (JsonElement Input, JsonElement Expected) Case(string id) =>
        (Cases.Value[id].GetProperty("input"), Cases.Value[id].GetProperty("expected"));

    public static double Number(this JsonElement element, string name) => element.GetProperty(name).GetDouble();

    /// <summary>A number the API must have sent (not null).</summary>
    public static double Sent(this JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        Assert.True(value.ValueKind == JsonValueKind.Number, $"{name} is {value.ValueKind} in {element}");
        return value.GetDouble();
    }

    /// <summary>|actual − expected| ≤ tolerance·max(|expected|, scale), as ReferenceVectors.Close in the engine tests.</summary>
    public static void Close(double expected, double actual, double tolerance, double scale = 0, string? what = null)
    {
        double allowed = tolerance * Math.Max(Math.Abs(expected), Math.Abs(scale));
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what ?? "value"}: expected {expected:R}, actual {actual:R}, allowed {allowed:E2}");
    }

    /// <summary>Posts a body and returns the 200 reply's JSON, failing with the body of anything else.</summary>
    public static async Task<JsonElement> PostOk(this HttpClient http, string url, object body)
    {
        var response = await http.PostJson(url, JsonSerializer.Serialize(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A mean arm in the mean-and-variance form, which keeps every digit the vector has.</summary>
    public static object MeanArm(string key, JsonElement arm) =>
        new { key, n = arm.GetProperty("n").GetInt64(), mean = arm.Number("mean"), variance = arm.Number("var") };

    // vectors.json (generate.py) and guardrail.json (guardrail.py); ids are unique across both.
    private static Dictionary<string, JsonElement> Load()
    {
        var cases = new Dictionary<string, JsonElement>();
        foreach (var file in new[] { "vectors.json", "guardrail.json" })
        {
            using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "vectors", file));
            using var document = JsonDocument.Parse(stream);
            foreach (var element in document.RootElement.GetProperty("cases").EnumerateArray())
                cases.Add(element.GetProperty("id").GetString()!, element.Clone());
        }
        return cases;
    }
}
