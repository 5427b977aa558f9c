using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Analysis.Vectors;

namespace Experimentation.Tests.Analysis;

/// <summary>The engine's sample-size, power and MDE vectors sent through POST /api/power.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PowerVectorTests(PlatformFixture platform)
{
    public static TheoryData<string> SampleSizeCases => Ids("sample_size");
    public static TheoryData<string> PowerCases => Ids("power");
    public static TheoryData<string> MdeCases => Ids("mde");
    public static TheoryData<string> ConversionCases => Ids("conversion_sample_size");

    [Theory, MemberData(nameof(SampleSizeCases))]
    public async Task SampleSizePerArmMatchesTheFormulaAndStatsmodelsNormalIndPower(string id)
    {
        var (input, expected) = Case(id);
        var reply = await platform.Http.PostOk("/api/power", new
        {
            metricType = "mean", baselineMean = 10.0, standardDeviation = Math.Sqrt(input.Number("var")),
            mde = input.Number("mde"), mdeType = "absolute", alpha = input.Number("alpha"), power = input.Number("power"),
        });
        var size = reply.GetProperty("sampleSize");
        Close(expected.Number("exact"), size.Sent("exactPerArm"), Distribution, what: "exact n");
        Assert.Equal(expected.GetProperty("n").GetInt64(), size.GetProperty("perArm").GetInt64());
        Assert.Equal(expected.GetProperty("statsmodels_n").GetInt64(), size.GetProperty("perArm").GetInt64());
        Assert.Equal(2 * expected.GetProperty("n").GetInt64(), size.GetProperty("total").GetInt64());
        Close(input.Number("mde") / 10.0, size.Sent("mdeRelative"), Algebra, what: "relative mde");
    }

    [Theory, MemberData(nameof(PowerCases))]
    public async Task PowerAtAGivenNMatchesStatsmodelsNormalIndPower(string id)
    {
        var (input, expected) = Case(id);
        var reply = await platform.Http.PostOk("/api/power", new
        {
            metricType = "mean", baselineMean = 10.0, standardDeviation = Math.Sqrt(input.Number("var")),
            mde = input.Number("mde"), mdeType = "absolute", alpha = input.Number("alpha"),
            sampleSizePerArm = input.GetProperty("n").GetInt64(),
        });
        Close(expected.Number("power"), reply.GetProperty("detectable").Sent("powerAtMde"), Distribution, what: "power");
    }

    [Theory, MemberData(nameof(MdeCases))]
    public async Task TheMdeForAGivenNMatchesTheFormulaWithScipyQuantiles(string id)
    {
        var (input, expected) = Case(id);
        var reply = await platform.Http.PostOk("/api/power", new
        {
            metricType = "mean", baselineMean = 10.0, standardDeviation = Math.Sqrt(input.Number("var")),
            alpha = input.Number("alpha"), power = input.Number("power"), sampleSizePerArm = input.GetProperty("n").GetInt64(),
        });
        var detectable = reply.GetProperty("detectable");
        Close(expected.Number("mde"), detectable.Sent("mdeAbsolute"), Distribution, what: "mde");
        Close(expected.Number("mde") / 10.0, detectable.Sent("mdeRelative"), Distribution, what: "relative mde");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reply.GetProperty("sampleSize").ValueKind);
    }

    [Theory, MemberData(nameof(ConversionCases))]
    public async Task ConversionSampleSizeMatchesTheFormulaAndStatsmodels(string id)
    {
        var (input, expected) = Case(id);
        var reply = await platform.Http.PostOk("/api/power", new
        {
            metricType = "conversion", baselineRate = input.Number("rate"), mde = input.Number("mde"), mdeType = "absolute",
            twoRates = input.GetProperty("two_rates").GetBoolean(),
        });
        var size = reply.GetProperty("sampleSize");
        Close(expected.Number("exact"), size.Sent("exactPerArm"), Distribution, what: "exact n");
        Assert.Equal(expected.GetProperty("n").GetInt64(), size.GetProperty("perArm").GetInt64());
        if (expected.TryGetProperty("statsmodels_n", out var statsmodels)) Assert.Equal(statsmodels.GetInt64(), size.GetProperty("perArm").GetInt64());
        Close(input.Number("rate") * (1 - input.Number("rate")), reply.Sent("variance"), Algebra, what: "variance");
    }
}
