using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Analysis;

/// <summary>
/// POST /api/analysis with "engine": "bayesian", against gbstats' own test values
/// (growthbook/growthbook packages/stats/tests/bayesian/test_tests.py, TestNorm; published rounded to 5 decimals).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BayesianApiTests(PlatformFixture platform)
{
    // TestNorm: SampleMeanStatistic(sum=100, sum_squares=1002.25, n=10) against (105, 1111.5, 10).
    private const string Norm = """
        {"metricType": "mean", "engine": "bayesian",
         "arms": [{"key": "control", "n": 10, "sum": 100, "sumSquares": 1002.25}, {"key": "green", "n": 10, "sum": 105, "sumSquares": 1111.5}]
         OPTIONS}
        """;

    private static string Body(string options = "") => Norm.Replace("OPTIONS", options.Length == 0 ? "" : ", \"options\": " + options);

    private static void Rounded(double expected, JsonElement element, string name) =>
        Assert.InRange(element.GetProperty(name).GetDouble(), expected - 5e-6, expected + 5e-6);

    private async Task<JsonElement> BayesianOf(string body)
    {
        var reply = await platform.Http.PostJson("/api/analysis", body);
        var text = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("comparisons")[0].GetProperty("bayesian").Clone();
    }

    [Fact]
    public async Task TheImproperPriorMatchesGbstatsTestNorm()
    {
        var b = await BayesianOf(Body());
        Assert.Equal("relative", b.GetProperty("effectScale").GetString());
        Rounded(0.91923, b, "chanceToWin");
        Rounded(0.05, b, "expected");
        Rounded(-0.02, b.GetProperty("credibleInterval"), "lower");
        Rounded(0.12, b.GetProperty("credibleInterval"), "upper");
        Rounded(0.05131, b.GetProperty("risk"), "control");
        Rounded(0.00131, b.GetProperty("risk"), "treatment");
        Assert.Equal(JsonValueKind.Null, b.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task AConfiguredPriorMatchesGbstatsInformativeTestNorm()
    {
        var b = await BayesianOf(Body("""{"bayesian": {"prior": {"mean": 0.1, "variance": 0.1}}}"""));
        Rounded(0.92315, b, "chanceToWin");
        Rounded(0.05063, b, "expected");
        Rounded(0.05186, b.GetProperty("risk"), "control");
        Rounded(0.00123, b.GetProperty("risk"), "treatment");
    }

    [Fact]
    public async Task LowerIsBetterTakesTheComplementAndAnAbsoluteScaleIsOnTheMetric()
    {
        var higher = await BayesianOf(Body());
        var lower = await BayesianOf(Body("""{"bayesian": {"direction": "lower_better"}}"""));
        Assert.Equal(1 - higher.GetProperty("chanceToWin").GetDouble(), lower.GetProperty("chanceToWin").GetDouble(), 1e-12);
        Assert.Equal(higher.GetProperty("risk").GetProperty("control").GetDouble(), lower.GetProperty("risk").GetProperty("treatment").GetDouble());

        var absolute = await BayesianOf(Body("""{"bayesian": {"effectScale": "absolute"}}"""));
        Assert.Equal("absolute", absolute.GetProperty("effectScale").GetString());
        Assert.Equal(0.5, absolute.GetProperty("expected").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task AZeroBaselineOnTheRelativeScaleIsNullWithACode()
    {
        var body = Body().Replace("\"sum\": 100, \"sumSquares\": 1002.25", "\"sum\": 0, \"sumSquares\": 10");
        var b = await BayesianOf(body);
        Assert.Equal("zero_baseline", b.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("chanceToWin").ValueKind);
    }

    [Fact]
    public async Task WithoutTheEngineThereIsNoBayesianSection()
    {
        var reply = await platform.Http.PostJson("/api/analysis", Body().Replace("\"engine\": \"bayesian\",", ""));
        using var document = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        var comparison = document.RootElement.GetProperty("comparisons")[0];
        Assert.True(!comparison.TryGetProperty("bayesian", out var b) || b.ValueKind == JsonValueKind.Null, comparison.GetRawText());
    }

    [Theory]
    [InlineData("an unknown engine", "\"engine\": \"bayesian\"", "\"engine\": \"magic\"", "engine")]
    [InlineData("a prior without a variance", "OPTIONS", ", \"options\": {\"bayesian\": {\"prior\": {\"mean\": 0}}}", "options.bayesian.prior.variance")]
    [InlineData("a zero prior variance", "OPTIONS", ", \"options\": {\"bayesian\": {\"prior\": {\"variance\": 0}}}", "options.bayesian.prior.variance")]
    [InlineData("an unknown effect scale", "OPTIONS", ", \"options\": {\"bayesian\": {\"effectScale\": \"log\"}}", "options.bayesian.effectScale")]
    [InlineData("bayesian options without the engine", "\"engine\": \"bayesian\",", "", "options.bayesian")]
    public async Task ABadBayesianRequestIsA400NamingTheField(string why, string find, string replace, string field)
    {
        var body = Norm.Replace(find, replace).Replace("OPTIONS", field == "options.bayesian" ? ", \"options\": {\"bayesian\": {}}" : "");
        var response = await platform.Http.PostJson("/api/analysis", body);
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.False(string.IsNullOrEmpty(why));
    }
}
