using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Analysis;

/// <summary>Bad input to the analysis and power endpoints is a 400 naming the field and the reason, never a 500.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AnalysisBadInputTests(PlatformFixture platform)
{
    private const string Conversion = """
        {"metricType": "conversion", "alpha": 0.05,
         "arms": [{"key": "control", "n": 1000, "conversions": 100}, {"key": "green", "n": 1000, "conversions": 120}],
         "options": {"correction": "bh"}}
        """;

    private const string Mean = """
        {"metricType": "mean",
         "arms": [{"key": "control", "n": 500, "sum": 5000, "sumSquares": 52000}, {"key": "green", "n": 500, "sum": 5100, "sumSquares": 54000}]}
        """;

    private const string Ratio = """
        {"metricType": "ratio",
         "arms": [{"key": "control", "n": 3, "sumNumerator": 6, "sumDenominator": 9, "sumNumeratorSquares": 14, "sumDenominatorSquares": 29, "sumProducts": 20},
                  {"key": "green", "n": 3, "sumNumerator": 7, "sumDenominator": 9, "sumNumeratorSquares": 19, "sumDenominatorSquares": 29, "sumProducts": 23}]}
        """;

    // Users (M, D, M', D'): control (1, 2, 1, 1), (2, 3, 1, 2), (3, 4, 2, 2); green (1, 2, 1, 1), (3, 3, 1, 2), (3, 4, 2, 2).
    private const string RatioCuped = """
        {"metricType": "ratio",
         "arms": [{"key": "control", "n": 3, "sumNumerator": 6, "sumDenominator": 9, "sumNumeratorSquares": 14, "sumDenominatorSquares": 29, "sumProducts": 20,
                   "ratioCovariate": {"sumNumerator": 4, "sumNumeratorSquares": 6, "sumDenominator": 5, "sumDenominatorSquares": 9, "sumProducts": 7,
                                      "sumNumeratorPreNumerator": 9, "sumNumeratorPreDenominator": 11, "sumDenominatorPreNumerator": 13, "sumDenominatorPreDenominator": 16}},
                  {"key": "green", "n": 3, "sumNumerator": 7, "sumDenominator": 9, "sumNumeratorSquares": 19, "sumDenominatorSquares": 29, "sumProducts": 23,
                   "ratioCovariate": {"sumNumerator": 4, "sumNumeratorSquares": 6, "sumDenominator": 5, "sumDenominatorSquares": 9, "sumProducts": 7,
                                      "sumNumeratorPreNumerator": 10, "sumNumeratorPreDenominator": 13, "sumDenominatorPreNumerator": 13, "sumDenominatorPreDenominator": 16}}]}
        """;

    public static TheoryData<string, string, string> BadAnalysisBodies() => new()
    {
        { "a ratio covariate on one arm only", RatioCuped[..RatioCuped.LastIndexOf("\"ratioCovariate\"", StringComparison.Ordinal)].TrimEnd().TrimEnd(',') + "}]}", "arms[1].ratioCovariate" },
        { "a ratio covariate on a mean metric", RatioCuped.Replace("\"ratio\"", "\"mean\"").Replace("\"sumNumerator\": 6, \"sumDenominator\": 9, \"sumNumeratorSquares\": 14", "\"sum\": 6, \"sumSquares\": 14").Replace("\"sumNumerator\": 7, \"sumDenominator\": 9, \"sumNumeratorSquares\": 19", "\"sum\": 7, \"sumSquares\": 19"), "arms[0].ratioCovariate" },
        { "a mean covariate on a ratio metric", Ratio.Replace("\"sumProducts\": 20}", "\"sumProducts\": 20, \"covariate\": {\"sum\": 1, \"sumSquares\": 1, \"sumProducts\": 1}}"), "arms[0].covariate" },
        { "a ratio covariate without one of its sums", ReplaceFirst(RatioCuped, ", \"sumDenominatorPreDenominator\": 16}}", "}}"), "arms[0].ratioCovariate.sumDenominatorPreDenominator" },
        { "a ratio covariate with a negative variance", ReplaceFirst(RatioCuped, "\"sumNumeratorSquares\": 6", "\"sumNumeratorSquares\": 5"), "arms[0].ratioCovariate.sumNumeratorSquares" },
        { "a ratio covariate with an impossible correlation", RatioCuped.Replace("\"sumNumeratorPreNumerator\": 9,", "\"sumNumeratorPreNumerator\": 40,"), "arms[0].ratioCovariate.sumNumeratorPreNumerator" },
        { "a ratio covariate that is not a number", ReplaceFirst(RatioCuped, "\"sumProducts\": 7,", "\"sumProducts\": \"7\","), "arms[0].ratioCovariate.sumProducts" },
        { "malformed JSON", """{"metricType": "mean", "alpha": """, "alpha" },
        { "an empty body", "", "body" },
        { "not an object", "[1, 2]", "body" },
        { "no metric type", Conversion.Replace("\"metricType\": \"conversion\",", ""), "metricType" },
        { "an unknown metric type", Conversion.Replace("\"conversion\"", "\"median\""), "metricType" },
        { "a metric type as a number", Conversion.Replace("\"conversion\"", "1"), "metricType" },
        { "alpha of 0", Conversion.Replace("\"alpha\": 0.05", "\"alpha\": 0"), "alpha" },
        { "alpha of 1", Conversion.Replace("\"alpha\": 0.05", "\"alpha\": 1"), "alpha" },
        { "a negative alpha", Conversion.Replace("\"alpha\": 0.05", "\"alpha\": -0.05"), "alpha" },
        { "alpha as text", Conversion.Replace("\"alpha\": 0.05", "\"alpha\": \"0.05\""), "alpha" },
        { "no arms", Conversion[..Conversion.IndexOf("\"arms\"")] + "\"options\": {}}", "arms" },
        { "one arm", Conversion.Replace(", {\"key\": \"green\", \"n\": 1000, \"conversions\": 120}", ""), "arms" },
        { "arms as an object", Conversion[..Conversion.IndexOf("\"arms\"")] + "\"arms\": {\"a\": 1}}", "arms" },
        { "a null arm", Conversion.Replace("{\"key\": \"green\", \"n\": 1000, \"conversions\": 120}", "null"), "arms[1]" },
        { "a zero n", Conversion.Replace("\"n\": 1000, \"conversions\": 100", "\"n\": 0, \"conversions\": 0"), "arms[0].n" },
        { "a negative n", Conversion.Replace("\"n\": 1000, \"conversions\": 120", "\"n\": -5, \"conversions\": 0"), "arms[1].n" },
        { "a fractional n", Conversion.Replace("\"n\": 1000, \"conversions\": 100", "\"n\": 1000.5, \"conversions\": 100"), "arms[0].n" },
        { "a missing n", Conversion.Replace("\"n\": 1000, \"conversions\": 100", "\"conversions\": 100"), "arms[0].n" },
        { "conversions above n", Conversion.Replace("\"conversions\": 120", "\"conversions\": 1001"), "arms[1].conversions" },
        { "negative conversions", Conversion.Replace("\"conversions\": 120", "\"conversions\": -1"), "arms[1].conversions" },
        { "missing conversions", Conversion.Replace(", \"conversions\": 120", ""), "arms[1].conversions" },
        { "no control", Conversion.Replace("\"key\": \"control\",", "\"key\": \"control\", \"control\": false,"), "arms" },
        { "two controls", Conversion.Replace("\"key\": \"control\",", "\"key\": \"control\", \"control\": true,").Replace("\"key\": \"green\",", "\"key\": \"green\", \"control\": true,"), "arms" },
        { "a repeated key", Conversion.Replace("\"green\"", "\"control\""), "arms[1].key" },
        { "a missing key", Conversion.Replace("\"key\": \"green\", ", ""), "arms[1].key" },
        { "a weight on one arm only", Conversion.Replace("\"conversions\": 100}", "\"conversions\": 100, \"weight\": 1}"), "arms[1].weight" },
        { "a zero weight", Conversion.Replace("\"conversions\": 100}", "\"conversions\": 100, \"weight\": 0}").Replace("\"conversions\": 120}", "\"conversions\": 120, \"weight\": 1}"), "arms[0].weight" },
        { "an unknown correction", Conversion.Replace("\"bh\"", "\"bonferroni\""), "options.correction" },
        { "an unknown df method", Conversion.Replace("\"correction\": \"bh\"", "\"dfMethod\": \"student\""), "options.dfMethod" },
        { "tau2 and nStar together", Conversion.Replace("\"correction\": \"bh\"", "\"sequential\": {\"tau2\": 0.1, \"nStar\": 5000}"), "options.sequential" },
        { "a zero tau2", Conversion.Replace("\"correction\": \"bh\"", "\"sequential\": {\"tau2\": 0}"), "options.sequential.tau2" },
        { "a negative nStar", Conversion.Replace("\"correction\": \"bh\"", "\"sequential\": {\"nStar\": -1}"), "options.sequential.nStar" },
        { "a negative mde", Conversion.Replace("\"correction\": \"bh\"", "\"mde\": -0.1"), "options.mde" },
        { "an unknown mde type", Conversion.Replace("\"correction\": \"bh\"", "\"mde\": 0.1, \"mdeType\": \"percent\""), "options.mdeType" },
        { "power of 1", Conversion.Replace("\"correction\": \"bh\"", "\"power\": 1"), "options.power" },
        { "continuity correction as text", Conversion.Replace("\"correction\": \"bh\"", "\"continuityCorrection\": \"yes\""), "options.continuityCorrection" },
        { "a guardrail without a direction", Conversion.Replace("\"correction\": \"bh\"", "\"guardrail\": {\"maxDegradation\": 0.05}"), "options.guardrail.direction" },
        { "sumSquares implying a negative variance", Mean.Replace("\"sumSquares\": 52000", "\"sumSquares\": 49000"), "arms[0].sumSquares" },
        { "a negative sumSquares", Mean.Replace("\"sumSquares\": 54000", "\"sumSquares\": -1"), "arms[1].sumSquares" },
        { "a missing sumSquares", Mean.Replace(", \"sumSquares\": 52000", ""), "arms[0].sumSquares" },
        { "sums and moments together", Mean.Replace("\"sum\": 5000,", "\"sum\": 5000, \"mean\": 10, \"variance\": 4,"), "arms[0].mean" },
        { "a mean without a variance", Mean.Replace("\"sum\": 5000, \"sumSquares\": 52000", "\"mean\": 10"), "arms[0].variance" },
        { "a negative variance", Mean.Replace("\"sum\": 5000, \"sumSquares\": 52000", "\"mean\": 10, \"variance\": -1"), "arms[0].variance" },
        { "a sum beyond a double", Mean.Replace("\"sum\": 5000", "\"sum\": 1e309"), "arms[0].sum" },
        { "a NaN sum", Mean.Replace("\"sum\": 5000", "\"sum\": NaN"), "arms[0].sum" },
        { "a sum as text", Mean.Replace("\"sum\": 5000", "\"sum\": \"NaN\""), "arms[0].sum" },
        { "sum² overflowing past sumSquares", Mean.Replace("\"sum\": 5000", "\"sum\": 1e308"), "arms[0].sumSquares" },
        { "a ratio numerator with a negative variance", Ratio.Replace("\"sumNumeratorSquares\": 14", "\"sumNumeratorSquares\": 11"), "arms[0].sumNumeratorSquares" },
        { "a ratio denominator with a negative variance", Ratio.Replace("\"sumDenominatorSquares\": 29", "\"sumDenominatorSquares\": 26"), "arms[0].sumDenominatorSquares" },
        { "an impossible ratio covariance", Ratio.Replace("\"sumProducts\": 20", "\"sumProducts\": 40"), "arms[0].sumProducts" },
        { "a ratio without sumProducts", Ratio.Replace(", \"sumProducts\": 23", ""), "arms[1].sumProducts" },
    };

    // The bodies above are bad only where each case changes them: the ratio CUPED body itself is accepted and adjusted.
    [Fact]
    public async Task TheRatioCupedBodyTheCasesChangeIsValid()
    {
        var response = await platform.Http.PostJson("/api/analysis", RatioCuped);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("comparisons")[0].GetProperty("cuped").GetProperty("applied").GetBoolean(), body);
    }

    [Theory]
    [MemberData(nameof(BadAnalysisBodies))]
    public async Task ABadAnalysisBodyIsA400NamingTheField(string why, string body, string field)
    {
        var response = await platform.Http.PostJson("/api/analysis", body);
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.False(string.IsNullOrEmpty(why));
    }

    public static TheoryData<string, string, string> BadSequenceBodies() => new()
    {
        { "no looks", """{"metricType": "conversion", "looks": []}""", "looks" },
        { "a bad arm in a later look", Looks(Conversion, Conversion.Replace("\"conversions\": 120", "\"conversions\": 5000")), "looks[1].arms[1].conversions" },
        { "different arms in a later look", Looks(Conversion, Conversion.Replace("\"green\"", "\"blue\"")), "looks[1].arms" },
        { "a null look", """{"metricType": "conversion", "looks": [null]}""", "looks[0]" },
        { "alpha out of range", Looks(Conversion).Replace("\"metricType\"", "\"alpha\": 2, \"metricType\""), "alpha" },
    };

    [Theory]
    [MemberData(nameof(BadSequenceBodies))]
    public async Task ABadSequenceBodyIsA400NamingTheField(string why, string body, string field)
    {
        var response = await platform.Http.PostJson("/api/analysis/sequence", body);
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.False(string.IsNullOrEmpty(why));
    }

    public static TheoryData<string, string, string> BadPowerBodies() => new()
    {
        { "no metric type", """{"baselineRate": 0.1, "mde": 0.1}""", "metricType" },
        { "a rate of 1.5", """{"metricType": "conversion", "baselineRate": 1.5, "mde": 0.1}""", "baselineRate" },
        { "no rate", """{"metricType": "conversion", "mde": 0.1}""", "baselineRate" },
        { "no standard deviation", """{"metricType": "mean", "baselineMean": 10, "mde": 0.1}""", "standardDeviation" },
        { "a zero standard deviation", """{"metricType": "mean", "baselineMean": 10, "standardDeviation": 0, "mde": 0.1}""", "standardDeviation" },
        { "no baseline mean", """{"metricType": "ratio", "standardDeviation": 3, "mde": 0.1}""", "baselineMean" },
        { "neither mde nor n", """{"metricType": "conversion", "baselineRate": 0.1}""", "mde" },
        { "a zero mde", """{"metricType": "conversion", "baselineRate": 0.1, "mde": 0}""", "mde" },
        { "alpha of 2", """{"metricType": "conversion", "baselineRate": 0.1, "mde": 0.1, "alpha": 2}""", "alpha" },
        { "power of 0", """{"metricType": "conversion", "baselineRate": 0.1, "mde": 0.1, "power": 0}""", "power" },
        { "a zero n", """{"metricType": "conversion", "baselineRate": 0.1, "sampleSizePerArm": 0}""", "sampleSizePerArm" },
        { "one arm", """{"metricType": "conversion", "baselineRate": 0.1, "mde": 0.1, "arms": 1}""", "arms" },
        { "a relative mde on a zero baseline", """{"metricType": "mean", "baselineMean": 0, "standardDeviation": 1, "mde": 0.1}""", "mde" },
        { "two rates beyond 100%", """{"metricType": "conversion", "baselineRate": 0.99, "mde": 0.05, "mdeType": "absolute", "twoRates": true}""", "mde" },
        { "an mde too small to count", """{"metricType": "mean", "baselineMean": 1, "standardDeviation": 1e150, "mde": 1e-300, "mdeType": "absolute"}""", "mde" },
        { "an unknown metric type", """{"metricType": "median", "baselineRate": 0.1, "mde": 0.1}""", "metricType" },
    };

    [Theory]
    [MemberData(nameof(BadPowerBodies))]
    public async Task ABadPowerBodyIsA400NamingTheField(string why, string body, string field)
    {
        var response = await platform.Http.PostJson("/api/power", body);
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Theory]
    [InlineData("""{"key": "a", "n": 2, "mean": -1e308, "variance": 1e308}""", """{"key": "b", "n": 2, "mean": 1e308, "variance": 1e308}""")]
    [InlineData("""{"key": "a", "n": 2, "mean": 1, "variance": 1.7e308}""", """{"key": "b", "n": 2, "mean": 1, "variance": 1.7e308}""")]
    [InlineData("""{"key": "a", "n": 9223372036854775807, "mean": 1e-308, "variance": 1e308}""", """{"key": "b", "n": 1, "mean": 5e-324, "variance": 0}""")]
    [InlineData("""{"key": "a", "n": 2, "sum": 1e154, "sumSquares": 1e308}""", """{"key": "b", "n": 3, "sum": -1e154, "sumSquares": 1e308}""")]
    public async Task ExtremeButFiniteNumbersGiveNullsWithAnErrorCodeNotA500(string control, string treatment)
    {
        var body = $$"""{"metricType": "mean", "options": {"mde": 0.1}, "arms": [{{control}}, {{treatment}}]}""";

        var response = await platform.Http.PostJson("/api/analysis", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var c = (await response.Json()).GetProperty("comparisons")[0];
        AssertEveryNullIsExplained(c, c.GetProperty("error"));
        AssertEveryNullIsExplained(c.GetProperty("sequential"), c.GetProperty("sequential").GetProperty("error"));
        Assert.NotEqual("significant", c.GetProperty("badge").GetString());
    }

    [Fact]
    public async Task HugeConversionCountsAreAnalysed()
    {
        var body = """
            {"metricType": "conversion", "arms": [{"key": "a", "n": 9000000000000000000, "conversions": 4500000000000000000},
                                                  {"key": "b", "n": 9000000000000000000, "conversions": 4500000000000000001}]}
            """;
        var response = await platform.Http.PostJson("/api/analysis", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await response.Json()).GetProperty("comparisons")[0].GetProperty("error").ValueKind);
    }

    private static void AssertEveryNullIsExplained(JsonElement section, JsonElement error)
    {
        foreach (var property in section.EnumerateObject())
        {
            bool isNull = property.Value.ValueKind == JsonValueKind.Null
                || property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Null);
            if (isNull && property.Name is not ("error" or "guardrail" or "power" or "alwaysValidConfidenceInterval"))
                Assert.True(error.ValueKind == JsonValueKind.String, $"{property.Name} is null without an error code in {section}");
        }
    }

    private static string Looks(params string[] bodies)
    {
        var looks = bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("arms").GetRawText());
        return $$"""{"metricType": "conversion", "looks": [{{string.Join(", ", looks.Select(a => $$"""{"arms": {{a}}}"""))}}]}""";
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        int at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the body has no {old}");
        return text[..at] + replacement + text[(at + old.Length)..];
    }
}
