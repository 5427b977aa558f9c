using System.Text.Json;
using Experimentation.Statistics;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Analysis.FixedHorizonVectorTests;
using static Experimentation.Tests.Analysis.Vectors;

namespace Experimentation.Tests.Analysis;

/// <summary>
/// The engine's mSPRT, SRM, multiple-comparison and guardrail vectors (vectors.json and guardrail.json) sent through
/// POST /api/analysis and POST /api/analysis/sequence, with the engine tests' tolerances.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SequentialAndDiagnosticsVectorTests(PlatformFixture platform)
{
    public static TheoryData<string> MsprtCases => Ids("msprt");
    public static TheoryData<string> SrmCases => Ids("srm");
    public static TheoryData<string> MultipleCases => Ids("multiple");
    public static TheoryData<string> GuardrailCases => Ids("guardrail");

    [Theory, MemberData(nameof(MsprtCases))]
    public async Task EveryLookOfTheSequenceMatchesTheMixtureSprtFormula(string id)
    {
        var (input, expected) = Case(id);
        var looks = input.GetProperty("looks").EnumerateArray().Select(look =>
        {
            // Equal variances v with v/n_T + v/n_C = se², the control at 0 so that delta is exact.
            long total = look.GetProperty("total").GetInt64(), nC = total / 2, nT = total - nC;
            double v = look.Number("se2") * nC * nT / total;
            return new
            {
                arms = new object[]
                {
                    new { key = "control", n = nC, mean = 0.0, variance = v },
                    new { key = "treatment", n = nT, mean = look.Number("delta"), variance = v },
                },
            };
        }).ToArray();
        bool fixedTau2 = input.GetProperty("tau2").ValueKind == JsonValueKind.Number;
        double mde = input.Number("mde");
        var options = new Dictionary<string, object>
        {
            ["sequential"] = fixedTau2
                ? new { tau2 = input.Number("tau2"), nullEffect = input.Number("theta0") }
                : new { nStar = input.Number("nstar"), nullEffect = input.Number("theta0") },
        };
        if (mde > 0)
        {
            options["mde"] = mde;
            options["mdeType"] = "absolute";
        }

        var reply = await platform.Http.PostOk("/api/analysis/sequence",
            new { metricType = "mean", alpha = input.Number("alpha"), looks, options });

        var wanted = expected.GetProperty("looks").EnumerateArray().ToArray();
        var got = reply.GetProperty("looks");
        Assert.Equal(wanted.Length, got.GetArrayLength());
        for (int i = 0; i < wanted.Length; i++)
        {
            var w = wanted[i];
            Assert.Equal(i + 1, got[i].GetProperty("look").GetInt32());
            var s = got[i].GetProperty("comparisons")[0].GetProperty("sequential");
            double half = (w.Number("ci_upper") - w.Number("ci_lower")) / 2;
            Close(w.Number("tau2"), s.Sent("tau2"), Algebra, what: "tau2");
            Close(w.Number("log_lambda"), s.Sent("logLambda"), Algebra, 1, "ln Λ");
            Close(w.Number("p"), s.Sent("pValue"), Algebra, what: "p");
            Close(w.Number("av_p"), s.Sent("alwaysValidPValue"), Algebra, what: "always-valid p");
            Close(w.Number("ci_lower"), s.GetProperty("confidenceInterval").Sent("lower"), Algebra, half, "ci lower");
            Close(w.Number("ci_upper"), s.GetProperty("confidenceInterval").Sent("upper"), Algebra, half, "ci upper");
            Close(w.Number("av_lower"), s.GetProperty("alwaysValidConfidenceInterval").Sent("lower"), Algebra, half, "always-valid lower");
            Close(w.Number("av_upper"), s.GetProperty("alwaysValidConfidenceInterval").Sent("upper"), Algebra, half, "always-valid upper");
            Assert.Equal(w.GetProperty("efficacy").GetBoolean(), s.GetProperty("stopForEfficacy").GetBoolean());
            Assert.Equal(w.GetProperty("futility").GetBoolean(), s.GetProperty("stopForFutility").GetBoolean());
        }
    }

    [Theory, MemberData(nameof(SrmCases))]
    public async Task SrmOverEveryArmMatchesScipyChisquare(string id)
    {
        var (input, expected) = Case(id);
        var counts = input.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray();
        var weights = input.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();
        var arms = counts.Select((n, i) => (object)new { key = $"arm{i}", n, conversions = n / 10, weight = weights[i] }).ToArray();

        var reply = await platform.Http.PostOk("/api/analysis", Body("conversion", 0.05, arms));

        var srm = reply.GetProperty("srm");
        Close(expected.Number("chi2"), srm.Sent("chiSquared"), Algebra, 1e-9, "chi2");
        Close(expected.Number("p"), srm.Sent("pValue"), Distribution, what: "p");
        Assert.Equal(expected.GetProperty("df").GetInt32(), srm.GetProperty("degreesOfFreedom").GetInt32());
        bool flagged = expected.GetProperty("flagged").GetBoolean();
        Assert.Equal(flagged, srm.GetProperty("flagged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, srm.GetProperty("error").ValueKind);
        if (flagged)
            Assert.All(reply.GetProperty("comparisons").EnumerateArray(), c => Assert.Equal("srm_warning", c.GetProperty("badge").GetString()));
    }

    [Theory, MemberData(nameof(MultipleCases))]
    public async Task AdjustedPValuesAcrossTreatmentsMatchStatsmodelsMultipletests(string id)
    {
        // One treatment per p-value, each with a t chosen (by the engine's t quantile) to give exactly that p.
        var (input, expected) = Case(id);
        var p = input.GetProperty("p").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        const long n = 10_000;
        double se = Math.Sqrt(2.0 / n), df = 2.0 * (n - 1);
        var arms = new List<object> { new { key = "control", n, mean = 0.0, variance = 1.0 } };
        for (int i = 0; i < p.Length; i++)
            arms.Add(new { key = $"t{i}", n, mean = StudentTDistribution.UpperQuantile(p[i] / 2, df) * se, variance = 1.0 });
        var correction = input.GetProperty("method").GetString() == nameof(CorrectionMethod.Holm) ? "holm" : "bh";

        var reply = await platform.Http.PostOk("/api/analysis", Body("mean", 0.05, arms.ToArray(), new { correction }));

        var comparisons = reply.GetProperty("comparisons");
        var wanted = expected.GetProperty("adjusted").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(wanted.Length, comparisons.GetArrayLength());
        for (int i = 0; i < wanted.Length; i++)
        {
            Close(p[i], comparisons[i].Sent("pValue"), Algebra, what: $"raw p {i}");
            Close(wanted[i], comparisons[i].Sent("adjustedPValue"), Algebra, what: $"adjusted p {i}");
        }
    }

    [Theory, MemberData(nameof(GuardrailCases))]
    public async Task GuardrailVerdictsMatchTheOneSidedTestAgainstTheTolerance(string id)
    {
        var (input, expected) = Case(id);
        var direction = input.GetProperty("direction").GetString()!;
        var options = new { guardrail = new { direction, maxDegradation = input.Number("max_degradation") } };
        bool conversion = input.GetProperty("metric").GetString() == "conversion";
        object Arm(string key) => conversion
            ? new { key, n = input.GetProperty(key).GetProperty("n").GetInt64(), conversions = input.GetProperty(key).GetProperty("c").GetInt64() }
            : MeanArm(key, input.GetProperty(key));

        var reply = await platform.Http.PostOk("/api/analysis", Body(conversion ? "conversion" : "mean", 0.05,
            [Arm("control"), Arm("treatment")], options));

        var guardrail = reply.GetProperty("comparisons")[0].GetProperty("guardrail");
        Assert.Equal(direction, guardrail.GetProperty("direction").GetString());
        Assert.Equal(expected.GetProperty("error").GetString(), guardrail.GetProperty("error").GetString());
        Assert.Equal(expected.GetProperty("breached").GetBoolean(), guardrail.GetProperty("breached").GetBoolean());
        Close(expected.Number("av_p"), guardrail.Sent("alwaysValidPValue"), Distribution, what: "always-valid p");
        if (expected.GetProperty("degradation").ValueKind == JsonValueKind.Number)
            Close(expected.Number("degradation"), guardrail.Sent("degradation"), Algebra, what: "degradation");
        else
            Assert.Equal(JsonValueKind.Null, guardrail.GetProperty("degradation").ValueKind);
        var interval = guardrail.GetProperty("alwaysValidInterval");
        if (expected.GetProperty("av_lower").ValueKind != JsonValueKind.Number)
        {
            Assert.Equal(JsonValueKind.Null, interval.GetProperty("lower").ValueKind);
            Assert.Equal(JsonValueKind.Null, interval.GetProperty("upper").ValueKind);
            return;
        }
        double half = (expected.Number("av_upper") - expected.Number("av_lower")) / 2;
        Close(expected.Number("av_lower"), interval.Sent("lower"), Distribution, half, "always-valid lower");
        Close(expected.Number("av_upper"), interval.Sent("upper"), Distribution, half, "always-valid upper");
    }
}
