using System.Net;
using System.Text.Json;
using Experimentation.Statistics;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Analysis.Vectors;

namespace Experimentation.Tests.Analysis;

/// <summary>
/// The engine's fixed-horizon reference vectors (Welch, ratio, conversions, the t distribution, degenerate input)
/// sent through POST /api/analysis, checked with the engine tests' tolerances.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FixedHorizonVectorTests(PlatformFixture platform)
{
    public static TheoryData<string> WelchCases => Ids("welch");
    public static TheoryData<string> RatioCases => Ids("ratio");
    public static TheoryData<string> ConversionCases => Ids("conversion");
    public static TheoryData<string> DegenerateWelchCases => Ids("degenerate_welch");
    public static TheoryData<string> DegenerateConversionCases => Ids("degenerate_conversion");
    public static TheoryData<string> TPValueCases => Ids("t_pvalue");
    public static TheoryData<string> TQuantileCases => Ids("t_quantile");
    public static TheoryData<string> StabilityCases => Ids("stability");

    [Theory, MemberData(nameof(WelchCases))]
    public async Task WelchThroughHttpMatchesScipyTtestIndFromStats(string id)
    {
        var (input, expected) = Case(id);
        var reply = await Analyze("mean", input.Number("alpha"),
            [MeanArm("control", input.GetProperty("control")), MeanArm("treatment", input.GetProperty("treatment"))],
            new { dfMethod = input.GetProperty("df_method").GetString() });
        AssertMatches(expected, reply.GetProperty("comparisons")[0]);
    }

    [Theory, MemberData(nameof(RatioCases))]
    public async Task RatioThroughHttpMatchesNumpyAndScipy(string id)
    {
        var (input, expected) = Case(id);
        var reply = await Analyze("ratio", input.Number("alpha"),
            [RatioArm("control", input.GetProperty("control")), RatioArm("treatment", input.GetProperty("treatment"))]);
        AssertMatches(expected, reply.GetProperty("comparisons")[0]);
    }

    [Theory, MemberData(nameof(ConversionCases))]
    public async Task ConversionThroughHttpMatchesScipyChi2Contingency(string id)
    {
        var (input, expected) = Case(id);
        var reply = await Analyze("conversion", input.Number("alpha"),
            [ConversionArm("control", input.GetProperty("control")), ConversionArm("treatment", input.GetProperty("treatment"))],
            new { continuityCorrection = input.GetProperty("correction").GetBoolean() });
        var c = reply.GetProperty("comparisons")[0];
        Assert.Equal("chi_squared", c.GetProperty("statisticName").GetString());
        Close(expected.Number("chi2"), c.Sent("statistic"), Algebra, 1e-6, "chi2");
        Assert.Equal(1, c.Sent("degreesOfFreedom"));
        AssertMatches(expected, c, checkT: false);
    }

    [Theory, MemberData(nameof(DegenerateWelchCases))]
    public async Task DegenerateMeanInputGivesNullsWithTheEngineErrorCode(string id)
    {
        var (input, expected) = Case(id);
        var body = Body("mean", 0.05, [MeanArm("control", input.GetProperty("control")), MeanArm("treatment", input.GetProperty("treatment"))]);
        if (input.GetProperty("control").GetProperty("n").GetInt64() == 0)
        {
            // The engine codes an empty arm too_few_units; the API refuses it, since no aggregate has n = 0.
            await (await platform.Http.PostJson("/api/analysis", JsonSerializer.Serialize(body))).AssertProblem(HttpStatusCode.BadRequest, "arms[0].n");
            return;
        }
        var c = (await platform.Http.PostOk("/api/analysis", body)).GetProperty("comparisons")[0];
        Assert.Equal(Snake(expected.GetProperty("error").GetString()!), c.GetProperty("error").GetString());
        foreach (var name in new[] { "standardError", "statistic", "pValue", "adjustedPValue", "lift" })
            Assert.Equal(JsonValueKind.Null, c.GetProperty(name).ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("confidenceInterval").GetProperty("lower").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("sequential").GetProperty("lambda").ValueKind);
        Assert.Equal(c.GetProperty("error").GetString(), c.GetProperty("sequential").GetProperty("error").GetString());
        Assert.Equal("not_significant", c.GetProperty("badge").GetString());
    }

    [Theory, MemberData(nameof(DegenerateConversionCases))]
    public async Task DegenerateConversionInputGivesNullsWithTheEngineErrorCode(string id)
    {
        var (input, expected) = Case(id);
        var body = Body("conversion", 0.05, [ConversionArm("control", input.GetProperty("control")), ConversionArm("treatment", input.GetProperty("treatment"))]);
        if (expected.GetProperty("error").GetString() == nameof(StatisticsError.InvalidInput))
        {
            await (await platform.Http.PostJson("/api/analysis", JsonSerializer.Serialize(body))).AssertProblem(HttpStatusCode.BadRequest, "arms[0].conversions");
            return;
        }
        var c = (await platform.Http.PostOk("/api/analysis", body)).GetProperty("comparisons")[0];
        Assert.Equal(Snake(expected.GetProperty("error").GetString()!), c.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("pValue").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("statistic").ValueKind);
        c.Sent("controlMean");
    }

    [Fact]
    public async Task ARatioWithAZeroDenominatorGivesTheZeroDenominatorCode()
    {
        var (input, expected) = Case("degenerate_ratio-001");
        var reply = await Analyze("ratio", 0.05, [RatioArm("control", input.GetProperty("control")), RatioArm("treatment", input.GetProperty("treatment"))]);
        var c = reply.GetProperty("comparisons")[0];
        Assert.Equal(Snake(expected.GetProperty("error").GetString()!), c.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("delta").ValueKind);
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("arms")[0].GetProperty("mean").ValueKind);
    }

    [Theory, MemberData(nameof(TPValueCases))]
    public async Task TheTTailThroughHttpMatchesScipy(string id)
    {
        // Arms whose Welch df is the vector's df and whose t is the vector's t, so the reply's p is scipy's t.cdf.
        var (input, expected) = Case(id);
        double t = input.Number("t"), df = input.Number("df");
        var (control, treatment, se) = ArmsWithWelchDf(df);
        var c = (await Analyze("mean", 0.05, [control, treatment with { mean = t * se }])).GetProperty("comparisons")[0];
        Close(df, c.Sent("degreesOfFreedom"), Algebra, what: "df");
        Close(t, c.Sent("statistic"), Algebra, what: "t");
        Close(expected.Number("p"), c.Sent("pValue"), Distribution, what: "p");
    }

    [Theory, MemberData(nameof(TQuantileCases))]
    public async Task TheTQuantileThroughHttpMatchesScipy(string id)
    {
        // With delta = 0 the CI's upper bound is t_{1−α/2}(df)·SE, so α = 2·tail recovers scipy's t.isf(tail, df).
        var (input, expected) = Case(id);
        double df = input.Number("df");
        var (control, treatment, _) = ArmsWithWelchDf(df);
        var c = (await Analyze("mean", 2 * input.Number("tail"), [control with { mean = 1.0 }, treatment with { mean = 1.0 }]))
            .GetProperty("comparisons")[0];
        Assert.Equal(0, c.Sent("delta"));
        Close(expected.Number("q"), c.GetProperty("confidenceInterval").Sent("upper") / c.Sent("standardError"), Distribution, what: "q");
    }

    [Theory, MemberData(nameof(StabilityCases))]
    public async Task MeanAndVarianceKeepEveryDigitOfAnArmNearOneMillion(string id)
    {
        // Σx² − (Σx)²/n would cancel these variances away; the mean-and-variance form must reach the engine intact.
        var (input, expected) = Case(id);
        long n = input.GetProperty("values").GetArrayLength();
        var arm = new { key = "control", n, mean = expected.Number("mean"), variance = expected.Number("var") };
        var reply = await Analyze("mean", 0.05, [arm, arm with { key = "treatment" }]);
        Close(expected.Number("mean"), reply.GetProperty("arms")[0].Sent("mean"), Algebra, what: "mean");
        Close(expected.Number("var"), reply.GetProperty("arms")[0].Sent("variance"), Algebra, what: "variance");
        Close(Math.Sqrt(2 * expected.Number("var") / n), reply.GetProperty("comparisons")[0].Sent("standardError"), Algebra, what: "se");
    }

    internal static void AssertMatches(JsonElement expected, JsonElement c, bool checkT = true)
    {
        var error = expected.GetProperty("error").GetString()!;
        Assert.Equal(error == "None" ? null : Snake(error), c.GetProperty("error").GetString());
        double se = expected.Number("se");
        Close(expected.Number("delta"), c.Sent("delta"), Algebra, se, "delta");
        Close(se, c.Sent("standardError"), Algebra, what: "se");
        if (checkT)
        {
            Close(expected.Number("t"), c.Sent("statistic"), Algebra, 1e-3, "t");
            Close(expected.Number("df"), c.Sent("degreesOfFreedom"), Algebra, what: "df");
        }
        Close(expected.Number("p"), c.Sent("pValue"), Distribution, what: "p");
        Close(expected.Number("p"), c.Sent("adjustedPValue"), Distribution, what: "adjusted p of a single treatment");
        double half = (expected.Number("ci_upper") - expected.Number("ci_lower")) / 2;
        var ci = c.GetProperty("confidenceInterval");
        Close(expected.Number("ci_lower"), ci.Sent("lower"), Distribution, half, "ci lower");
        Close(expected.Number("ci_upper"), ci.Sent("upper"), Distribution, half, "ci upper");
        if (error == nameof(StatisticsError.ZeroBaseline))
        {
            Assert.Equal(JsonValueKind.Null, c.GetProperty("lift").ValueKind);
            return;
        }
        double liftHalf = (expected.Number("lift_upper") - expected.Number("lift_lower")) / 2;
        var liftCi = c.GetProperty("liftConfidenceInterval");
        Close(expected.Number("lift"), c.Sent("lift"), Algebra, liftHalf, "lift");
        Close(expected.Number("lift_lower"), liftCi.Sent("lower"), Distribution, liftHalf, "lift lower");
        Close(expected.Number("lift_upper"), liftCi.Sent("upper"), Distribution, liftHalf, "lift upper");
    }

    /// <summary>
    /// Equal n, control variance 1 and treatment variance r give Welch df = (n−1)(1+r)²/(1+r²), anywhere in
    /// [n−1, 2(n−1)]; solve for r with n − 1 = ⌈df/2⌉.
    /// </summary>
    private static (MeanArmBody Control, MeanArmBody Treatment, double Se) ArmsWithWelchDf(double df)
    {
        long n = (long)Math.Ceiling(df / 2) + 1;
        double k = df / (n - 1);
        double r = k == 1 ? 0 : (1 - Math.Sqrt(1 - (k - 1) * (k - 1))) / (k - 1);
        return (new MeanArmBody("control", n, 0, 1), new MeanArmBody("treatment", n, 0, r), Math.Sqrt((1 + r) / n));
    }

    private sealed record MeanArmBody(string key, long n, double mean, double variance);

    internal static string Snake(string engineCode) => JsonNamingPolicy.SnakeCaseLower.ConvertName(engineCode);

    internal static object RatioArm(string key, JsonElement e) => new
    {
        key, n = e.GetProperty("n").GetInt64(), sumNumerator = e.Number("sum_m"), sumDenominator = e.Number("sum_d"),
        sumNumeratorSquares = e.Number("sum_mm"), sumDenominatorSquares = e.Number("sum_dd"), sumProducts = e.Number("sum_md"),
    };

    internal static object ConversionArm(string key, JsonElement e) =>
        new { key, n = e.GetProperty("n").GetInt64(), conversions = e.GetProperty("c").GetInt64() };

    internal static object Body(string metricType, double alpha, object[] arms, object? options = null) =>
        new { metricType, alpha, arms, options = options ?? new { } };

    private Task<JsonElement> Analyze(string metricType, double alpha, object[] arms, object? options = null) =>
        platform.Http.PostOk("/api/analysis", Body(metricType, alpha, arms, options));
}
