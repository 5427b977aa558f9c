using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class MixtureSequentialTestTests
{
    public static TheoryData<string> SequenceCases => Ids("msprt");

    [Theory, MemberData(nameof(SequenceCases))]
    public void EveryLookMatchesTheMixtureSprtFormula(string id)
    {
        var (input, expected) = Case(id);
        double alpha = input.Number("alpha"), nStar = input.Number("nstar"), mde = input.Number("mde"), theta0 = input.Number("theta0");
        double? fixedTau2 = input.GetProperty("tau2").ValueKind == System.Text.Json.JsonValueKind.Null ? null : input.Number("tau2");
        var state = SequentialState.Initial;
        var looks = input.GetProperty("looks").EnumerateArray().ToArray();
        var wanted = expected.GetProperty("looks").EnumerateArray().ToArray();
        for (int i = 0; i < looks.Length; i++)
        {
            double delta = looks[i].Number("delta"), s2 = looks[i].Number("se2");
            double tau2 = fixedTau2 ?? MixtureSequentialTest.TauSquared(alpha, looks[i].GetProperty("total").GetInt64(), s2, nStar);
            var look = MixtureSequentialTest.Look(state, delta, s2, tau2, alpha, mde, theta0);
            var w = wanted[i];
            double half = (w.Number("ci_upper") - w.Number("ci_lower")) / 2;
            Close(w.Number("tau2"), look.TauSquared, Algebra, what: "tau2");
            Close(w.Number("log_lambda"), look.LogLambda, Algebra, 1, "ln Λ");
            Close(w.Number("p"), look.PValue, Algebra, what: "p");
            Close(w.Number("av_p"), look.AlwaysValidPValue, Algebra, what: "always-valid p");
            Close(w.Number("ci_lower"), look.ConfidenceInterval.Lower, Algebra, half, "ci lower");
            Close(w.Number("ci_upper"), look.ConfidenceInterval.Upper, Algebra, half, "ci upper");
            Close(w.Number("av_lower"), look.AlwaysValidConfidenceInterval.Lower, Algebra, half, "always-valid lower");
            Close(w.Number("av_upper"), look.AlwaysValidConfidenceInterval.Upper, Algebra, half, "always-valid upper");
            Assert.Equal(w.GetProperty("efficacy").GetBoolean(), look.StopForEfficacy);
            Assert.Equal(w.GetProperty("futility").GetBoolean(), look.StopForFutility);
            Assert.Equal(i + 1, look.State.Looks);
            state = look.State;
        }
    }

    [Fact]
    public void AlwaysValidPValueNeverIncreasesAndTheIntervalNeverWidensAcrossLooks()
    {
        var random = new Random(2024);
        for (int experiment = 0; experiment < 200; experiment++)
        {
            var state = SequentialState.Initial;
            double effect = (random.NextDouble() - 0.5) * 0.2;
            for (int look = 1; look <= 30; look++)
            {
                long perArm = 100L * look;
                double s2 = 2.0 / perArm;
                double delta = effect + Math.Sqrt(s2) * Gaussian(random);
                var result = MixtureSequentialTest.Look(state, delta, s2,
                    MixtureSequentialTest.TauSquared(0.05, 2 * perArm, s2), 0.05);
                Assert.True(result.AlwaysValidPValue <= state.AlwaysValidPValue);
                Assert.True(result.AlwaysValidConfidenceInterval.Lower >= state.Lower);
                Assert.True(result.AlwaysValidConfidenceInterval.Upper <= state.Upper);
                state = result.State;
            }
        }
    }

    [Fact]
    public void ADefaultStateIsTreatedAsTheInitialState()
    {
        var fromDefault = MixtureSequentialTest.Look(default, 0.01, 1e-4, 1e-4);
        var fromInitial = MixtureSequentialTest.Look(SequentialState.Initial, 0.01, 1e-4, 1e-4);
        Assert.Equal(fromInitial, fromDefault);
        Assert.Equal(1, fromDefault.State.Looks);
    }

    [Fact]
    public void ALookWithZeroStandardErrorIsSkippedAndTheStateCarriedUnchanged()
    {
        var first = MixtureSequentialTest.Look(SequentialState.Initial, 0.5, 0.01, 0.01);
        var skipped = MixtureSequentialTest.Look(first.State, 0.5, 0, 0.01);
        Assert.Equal(StatisticsError.ZeroVariance, skipped.Error);
        Assert.Equal(first.State, skipped.State);
        Assert.True(double.IsNaN(skipped.Lambda));
    }

    [Fact]
    public void HugeEvidenceGivesATinyPValueWithoutOverflow()
    {
        var look = MixtureSequentialTest.Look(SequentialState.Initial, 1.0, 1e-6, MixtureSequentialTest.TauSquared(0.05, 4_000_000, 1e-6));
        Assert.True(double.IsFinite(look.LogLambda) && look.LogLambda > 1000);
        Assert.True(look.PValue < 1e-100);
        Assert.True(look.StopForEfficacy);
        Assert.False(double.IsNaN(look.AlwaysValidPValue));
    }

    [Fact]
    public void TheBoundarySeriesHasOnePointPerUsableSnapshotAndMatchesTheLooks()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var snapshots = Enumerable.Range(1, 5)
            .Select(day => new SequentialSnapshot(start.AddDays(day), 0.05, Math.Sqrt(2.0 / (1000 * day)), 2000L * day))
            .Append(new SequentialSnapshot(start.AddDays(6), 0.05, 0, 12000))
            .ToList();
        var series = SequentialBoundary.Series(snapshots);

        Assert.Equal(5, series.Count);
        var state = SequentialState.Initial;
        for (int i = 0; i < series.Count; i++)
        {
            double se = Math.Sqrt(2.0 / (1000 * (i + 1)));
            double s2 = se * se;
            var look = MixtureSequentialTest.Look(state, 0.05, s2, MixtureSequentialTest.TauSquared(0.05, 2000L * (i + 1), s2));
            Assert.Equal(look.Lambda, series[i].Lambda);
            Assert.Equal(20, series[i].LambdaBoundary, 12);
            Assert.Equal(look.AlwaysValidConfidenceInterval, series[i].AlwaysValidConfidenceInterval);
            Assert.Equal(look.StopForEfficacy, series[i].CrossedBoundary);
            state = look.State;
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
