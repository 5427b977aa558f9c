using System.Text.Json;
using Experimentation.Statistics;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Analysis.FixedHorizonVectorTests;
using static Experimentation.Tests.Analysis.Vectors;

namespace Experimentation.Tests.Analysis;

/// <summary>What the analysis endpoints do beyond the reference numbers: the control, arms, MDE, nulls and the schema.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AnalysisApiTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    // gbstats packages/stats/tests/frequentist/test_tests.py, TestTwoSidedTTest.test_two_sided_ttest_test_runs_ratio_ra,
    // through the HTTP API as docs/analysis-api.md shows it: the relative effect -0.0007 with CI (-0.00841, 0.00700)
    // and uplift stddev 0.00391, published to 5 decimals.
    [Fact]
    public async Task ARatioCovariateGivesGbstatsPublishedRegressionAdjustedRatioTest()
    {
        object[] arms =
        [
            new
            {
                key = "control", n = 100, sumNumerator = 485.112236689623, sumNumeratorSquares = 2715.484666118136,
                sumDenominator = 679.9093275844917, sumDenominatorSquares = 4939.424001640236, sumProducts = 3602.146836776702,
                ratioCovariate = new
                {
                    sumNumerator = 192.59138069991536, sumNumeratorSquares = 460.076026390857, sumDenominator = 290.1398399750233,
                    sumDenominatorSquares = 920.9461385038898, sumProducts = 634.239482353647, sumNumeratorPreNumerator = 1113.6215759318352,
                    sumNumeratorPreDenominator = 1559.2878434944676, sumDenominatorPreNumerator = 1460.3181079276983,
                    sumDenominatorPreDenominator = 2130.9404074446747,
                },
            },
            new
            {
                key = "green", n = 100, sumNumerator = 514.7757826608777, sumNumeratorSquares = 2994.897482705013,
                sumDenominator = 705.4090874383759, sumDenominatorSquares = 5291.36604146392, sumProducts = 3918.1561431600717,
                ratioCovariate = new
                {
                    sumNumerator = 206.94157227402536, sumNumeratorSquares = 514.2903702246757, sumDenominator = 302.54389139107326,
                    sumDenominatorSquares = 994.4506208125663, sumProducts = 698.4173425817908, sumNumeratorPreNumerator = 1237.0953021125997,
                    sumNumeratorPreDenominator = 1701.0287270040265, sumDenominatorPreNumerator = 1604.0759503266522,
                    sumDenominatorPreDenominator = 2292.081739775257,
                },
            },
        ];

        var result = await Http.PostOk("/api/analysis", Body("ratio", 0.05, arms));

        var comparison = result.GetProperty("comparisons")[0];
        Assert.True(comparison.GetProperty("cuped").GetProperty("applied").GetBoolean());
        Assert.Equal(-0.0007, comparison.GetProperty("lift").GetDouble(), 5e-6);
        Assert.Equal(-0.00841, comparison.GetProperty("liftConfidenceInterval").GetProperty("lower").GetDouble(), 5e-6);
        Assert.Equal(0.00700, comparison.GetProperty("liftConfidenceInterval").GetProperty("upper").GetDouble(), 5e-6);
        Assert.True(comparison.GetProperty("cuped").GetProperty("varianceReduction").GetDouble() > 0.5);
    }

    [Fact]
    public async Task AControlMarkedAnywhereIsAnalysedAsIfListedFirst()
    {
        object control = new { key = "control", n = 1000, conversions = 100 };
        object green = new { key = "green", n = 1000, conversions = 130 };

        var listedFirst = await Http.PostOk("/api/analysis", Body("conversion", 0.05, [control, green]));
        var marked = await Http.PostOk("/api/analysis", Body("conversion", 0.05,
            [green, new { key = "control", n = 1000, conversions = 100, control = true }]));

        Assert.Equal("control", marked.GetProperty("arms")[0].GetProperty("key").GetString());
        Assert.True(marked.GetProperty("arms")[0].GetProperty("control").GetBoolean());
        Assert.Equal(listedFirst.GetProperty("comparisons").GetRawText(), marked.GetProperty("comparisons").GetRawText());
    }

    [Fact]
    public async Task EveryTreatmentIsComparedWithTheControlAndAdjustedAcrossTreatments()
    {
        object[] arms =
        [
            new { key = "control", n = 10_000, conversions = 1000 },
            new { key = "green", n = 10_000, conversions = 1090 },
            new { key = "blue", n = 10_000, conversions = 1010 },
        ];

        var holm = await Http.PostOk("/api/analysis", Body("conversion", 0.05, arms, new { correction = "holm" }));

        var comparisons = holm.GetProperty("comparisons");
        Assert.Equal(["green", "blue"], comparisons.EnumerateArray().Select(c => c.GetProperty("treatment").GetString()));
        var raw = comparisons.EnumerateArray().Select(c => c.Sent("pValue")).ToArray();
        var expected = MultipleComparisons.Adjust(raw, CorrectionMethod.Holm);
        for (int i = 0; i < raw.Length; i++) Assert.Equal(expected[i], comparisons[i].Sent("adjustedPValue"));
        Assert.Equal(2, holm.GetProperty("srm").GetProperty("degreesOfFreedom").GetInt32());
        var single = await Http.PostOk("/api/analysis", Body("conversion", 0.05, [arms[0], arms[1]]));
        Assert.Equal(single.GetProperty("comparisons")[0].Sent("pValue"), raw[0]);
    }

    [Fact]
    public async Task ARelativeMdeIsSizedFromTheControlAndDecidesTheUnderpoweredBadge()
    {
        object[] arms = [new { key = "control", n = 10_000, conversions = 1000 }, new { key = "green", n = 10_000, conversions = 1200 }];

        var reply = await Http.PostOk("/api/analysis", Body("conversion", 0.05, arms, new { mde = 0.05 }));

        var c = reply.GetProperty("comparisons")[0];
        var power = c.GetProperty("power");
        Close(0.005, power.Sent("mdeAbsolute"), Algebra);
        Assert.Equal(PowerAnalysis.SampleSizePerArm(0.1 * 0.9, 0.1 * 0.05), power.GetProperty("requiredSampleSizePerArm").GetInt64());
        Assert.True(power.GetProperty("underpowered").GetBoolean());
        Assert.True(c.Sent("pValue") < 0.001);
        Assert.Equal("underpowered", c.GetProperty("badge").GetString());
    }

    [Fact]
    public async Task WithoutAnMdeTheRequiredSampleSizeIsNullAndSaysWhy()
    {
        var reply = await Http.PostOk("/api/analysis", Body("conversion", 0.05,
            [new { key = "control", n = 100, conversions = 0 }, new { key = "green", n = 100, conversions = 5 }], new { mde = 0.1 }));

        var c = reply.GetProperty("comparisons")[0];
        Assert.Equal("zero_baseline", c.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("lift").ValueKind);
        c.Sent("pValue");
        Assert.Equal("zero_baseline", c.GetProperty("power").GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("power").GetProperty("requiredSampleSizePerArm").ValueKind);

        var noMde = await Http.PostOk("/api/analysis", Body("conversion", 0.05,
            [new { key = "control", n = 100, conversions = 10 }, new { key = "green", n = 100, conversions = 15 }]));
        Assert.Equal("no_mde", noMde.GetProperty("comparisons")[0].GetProperty("power").GetProperty("error").GetString());
    }

    [Fact]
    public async Task SumsAndMomentsOfTheSameDataGiveTheSameAnswer()
    {
        double[] control = [3, 5, 8, 13, 2, 7], treatment = [4, 9, 6, 12, 10, 11, 5];
        static object Sums(string key, double[] x) => new { key, n = x.Length, sum = x.Sum(), sumSquares = x.Sum(v => v * v) };
        static object Moments(string key, double[] x)
        {
            var m = SampleMean.FromValues(x);
            return new { key, n = x.Length, mean = m.Mean, variance = m.Variance };
        }

        var bySums = await Http.PostOk("/api/analysis", Body("mean", 0.05, [Sums("control", control), Sums("green", treatment)]));
        var byMoments = await Http.PostOk("/api/analysis", Body("mean", 0.05, [Moments("control", control), Moments("green", treatment)]));

        foreach (var name in new[] { "delta", "standardError", "statistic", "degreesOfFreedom", "pValue", "lift" })
            Close(byMoments.GetProperty("comparisons")[0].Sent(name), bySums.GetProperty("comparisons")[0].Sent(name), 1e-12, what: name);
    }

    [Fact]
    public async Task TheSequenceKeepsTheRunningMinimumAndTheRunningIntersection()
    {
        // The effect appears early and fades, so later looks alone would give a larger p and a wider interval.
        var looks = new[] { (1000, 100, 140), (2000, 200, 245), (4000, 400, 420), (8000, 800, 810) }
            .Select(l => new { arms = new object[] { new { key = "control", n = l.Item1, conversions = l.Item2 }, new { key = "green", n = l.Item1, conversions = l.Item3 } } })
            .ToArray();

        var reply = await Http.PostOk("/api/analysis/sequence", new { metricType = "conversion", looks });

        double runningP = 1, lower = double.NegativeInfinity, upper = double.PositiveInfinity;
        bool lookPRose = false;
        double previousLookP = 0;
        foreach (var look in reply.GetProperty("looks").EnumerateArray())
        {
            var s = look.GetProperty("comparisons")[0].GetProperty("sequential");
            double p = s.Sent("pValue");
            lookPRose |= p > previousLookP && previousLookP > 0;
            previousLookP = p;
            runningP = Math.Min(runningP, p);
            lower = Math.Max(lower, s.GetProperty("confidenceInterval").Sent("lower"));
            upper = Math.Min(upper, s.GetProperty("confidenceInterval").Sent("upper"));
            Assert.Equal(runningP, s.Sent("alwaysValidPValue"));
            Assert.Equal(lower, s.GetProperty("alwaysValidConfidenceInterval").Sent("lower"));
            Assert.Equal(upper, s.GetProperty("alwaysValidConfidenceInterval").Sent("upper"));
        }
        Assert.True(lookPRose, "the scenario should make a later look's own p rise");
        Assert.Equal(16_000, reply.GetProperty("looks")[3].GetProperty("comparisons")[0].GetProperty("totalUnits").GetInt64());
    }

    [Fact]
    public async Task ThePowerCalculatorAnswersBothWays()
    {
        var reply = await Http.PostOk("/api/power", new { metricType = "conversion", baselineRate = 0.2, mde = 0.05, sampleSizePerArm = 20_000 });

        var size = reply.GetProperty("sampleSize");
        Assert.Equal(PowerAnalysis.SampleSizePerArmForConversion(0.2, 0.01), size.GetProperty("perArm").GetInt64());
        Assert.Equal(2 * size.GetProperty("perArm").GetInt64(), size.GetProperty("total").GetInt64());
        Close(0.01, size.Sent("mdeAbsolute"), Algebra);
        var detectable = reply.GetProperty("detectable");
        Close(PowerAnalysis.MinimumDetectableEffect(0.16, 20_000), detectable.Sent("mdeAbsolute"), Algebra);
        Close(PowerAnalysis.Power(0.16, 20_000, 0.01), detectable.Sent("powerAtMde"), Algebra);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryFieldWithAnExample()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        foreach (var path in new[] { "/api/analysis", "/api/analysis/sequence", "/api/power" })
            Assert.True(root.GetProperty("paths").TryGetProperty(path, out _), $"{path} is missing");

        var schemas = root.GetProperty("components").GetProperty("schemas");
        foreach (var (schema, fields) in new (string, string[])[]
        {
            ("ArmStatisticsRequest", ["key", "control", "n", "sum", "sumSquares", "mean", "variance", "conversions", "sumNumerator",
                "sumDenominator", "sumNumeratorSquares", "sumDenominatorSquares", "sumProducts", "weight"]),
            ("AnalysisRequest", ["metricType", "alpha", "engine"]),
            ("BayesianOptionsRequest", ["effectScale", "direction"]),
            ("NormalPriorRequest", ["mean", "variance"]),
            ("BayesianReport", ["effectScale", "chanceToWin", "expected", "error"]),
            ("AnalysisOptionsRequest", ["dfMethod", "continuityCorrection", "correction", "mde", "mdeType", "power"]),
            ("SequentialOptionsRequest", ["tau2", "nStar", "nullEffect"]),
            ("ComparisonReport", ["delta", "standardError", "statistic", "degreesOfFreedom", "pValue", "adjustedPValue", "lift", "badge"]),
            ("SequentialReport", ["lambda", "alwaysValidPValue"]),
            ("SrmReport", ["chiSquared", "pValue", "flagged"]),
            ("PowerRequest", ["metricType", "baselineMean", "standardDeviation", "baselineRate", "mde", "mdeType", "alpha", "power", "sampleSizePerArm"]),
        })
        {
            Assert.True(schemas.TryGetProperty(schema, out var described),
                $"no schema {schema}; the document has {string.Join(", ", schemas.EnumerateObject().Select(p => p.Name))}");
            var properties = described.GetProperty("properties");
            foreach (var field in fields)
            {
                Assert.True(properties.TryGetProperty(field, out var property),
                    $"{schema} has no {field}; it has {string.Join(", ", properties.EnumerateObject().Select(p => p.Name))}");
                var text = property.GetRawText();
                Assert.True(text.Contains("\"description\"") && text.Contains("\"examples\""), $"{schema}.{field} lacks a description or an example: {text}");
            }
        }
        var pValue = schemas.GetProperty("ComparisonReport").GetProperty("properties").GetProperty("pValue").GetRawText();
        Assert.DoesNotContain("string", pValue);
    }
}
