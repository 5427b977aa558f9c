using System.Text.Json;
using Xunit;

namespace Experimentation.Statistics.Tests;

/// <summary>The cases in vectors/*.json, produced by the generator scripts beside them (scipy, statsmodels, fractions).</summary>
internal static class ReferenceVectors
{
    /// <summary>Closed-form algebra.</summary>
    public const double Algebra = 1e-9;

    /// <summary>Anything through a CDF or a quantile.</summary>
    public const double Distribution = 1e-7;

    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(Load);

    public static TheoryData<string> Ids(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var (id, element) in Cases.Value)
            if (element.GetProperty("kind").GetString() == kind) data.Add(id);
        return data;
    }

    public static (JsonElement Input, JsonElement Expected) Case(string id)
    {
        var element = Cases.Value[id];
        return (element.GetProperty("input"), element.GetProperty("expected"));
    }

    public static double Number(this JsonElement element, string name) => element.GetProperty(name).GetDouble();

    public static SampleMean Arm(this JsonElement element) =>
        SampleMean.FromMoments(element.GetProperty("n").GetInt64(), element.Number("mean"), element.Number("var"));

    /// <summary>
    /// |actual − expected| ≤ tolerance·max(|expected|, scale). The scale is for quantities that cross zero by
    /// cancellation, such as a CI bound near 0, whose precision is that of the half-width, not of the bound.
    /// </summary>
    public static void Close(double expected, double actual, double tolerance, double scale = 0, string? what = null)
    {
        double allowed = tolerance * Math.Max(Math.Abs(expected), Math.Abs(scale));
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what ?? "value"}: expected {expected:R}, actual {actual:R}, relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}, allowed {allowed:E2}");
    }

    // Every file of vectors/ (vectors.json from generate.py, shifted-sums.json from shifted_sums.py); ids are unique.
    private static Dictionary<string, JsonElement> Load()
    {
        var cases = new Dictionary<string, JsonElement>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "vectors"), "*.json"))
        {
            using var stream = File.OpenRead(file);
            using var document = JsonDocument.Parse(stream);
            foreach (var element in document.RootElement.GetProperty("cases").EnumerateArray())
                cases.Add(element.GetProperty("id").GetString()!, element.Clone());
        }
        return cases;
    }
}
