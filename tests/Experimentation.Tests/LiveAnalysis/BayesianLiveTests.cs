using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>
/// The Bayesian comparison in live results, fed through HTTP ingestion into real Orleans and PostgreSQL. Live results
/// always carry it, on the relative effect with gbstats' improper flat prior, beside the frequentist numbers.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BayesianLiveTests(PlatformFixture platform)
{
    private static readonly DateTimeOffset Day = DateTimeOffset.UtcNow.AddHours(-2);

    [Fact]
    public async Task AnAaTestHasAChanceToWinOfOneHalf()
    {
        // Both arms get the same data: 2,000 users and 200 conversions. The posterior of the relative effect is then
        // centred exactly on 0, so the chance to win is Φ(0) = 0.5; the band ±1e-12 only allows for rounding in the
        // sums. (An A/A test with independent noise would instead spread the chance to win uniformly over (0, 1).)
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "bayes-aa", ["control", "treatment"]);
        await live.ExposeAsync([2000, 2000], Day);
        await live.ConvertAsync(0, 0, 200, Day.AddMinutes(5));
        await live.ConvertAsync(1, 0, 200, Day.AddMinutes(5));
        var bayesian = LiveExperiment.Comparison(await live.SettledAsync([2000, 2000], [200, 200])).GetProperty("bayesian");

        Assert.Equal("relative", bayesian.GetProperty("effectScale").GetString());
        Assert.Equal(0.5, bayesian.GetProperty("chanceToWin").GetDouble(), 1e-12);
        Assert.Equal(0, bayesian.GetProperty("expected").GetDouble(), 1e-12);
        var interval = bayesian.GetProperty("credibleInterval");
        Assert.Equal(-interval.GetProperty("lower").GetDouble(), interval.GetProperty("upper").GetDouble(), 1e-12);
        var risk = bayesian.GetProperty("risk");
        Assert.Equal(risk.GetProperty("control").GetDouble(), risk.GetProperty("treatment").GetDouble(), 1e-12);
        Assert.True(risk.GetProperty("control").GetDouble() > 0);
    }

    [Fact]
    public async Task AClearWinnerHasAChanceToWinAboveNinetyFivePercent()
    {
        // 10% against 15% on 2,000 users per arm: relative effect 0.5 with posterior sd ≈ 0.128, so P(effect > 0) ≈
        // Φ(3.9) ≈ 0.99995; the risk of keeping control is about the effect, that of shipping treatment nearly 0.
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "bayes-win", ["control", "treatment"]);
        await live.ExposeAsync([2000, 2000], Day);
        await live.ConvertAsync(0, 0, 200, Day.AddMinutes(5));
        await live.ConvertAsync(1, 0, 300, Day.AddMinutes(5));
        var comparison = LiveExperiment.Comparison(await live.SettledAsync([2000, 2000], [200, 300]));
        var bayesian = comparison.GetProperty("bayesian");

        Assert.True(bayesian.GetProperty("chanceToWin").GetDouble() > 0.95, bayesian.GetRawText());
        Assert.Equal(0.5, bayesian.GetProperty("expected").GetDouble(), 1e-9);
        Assert.True(bayesian.GetProperty("credibleInterval").GetProperty("lower").GetDouble() > 0);
        var risk = bayesian.GetProperty("risk");
        Assert.True(risk.GetProperty("control").GetDouble() > 0.4);
        Assert.True(risk.GetProperty("treatment").GetDouble() < 1e-4);
        // Beside the frequentist numbers of the same comparison.
        Assert.True(comparison.GetProperty("pValue").GetDouble() < 1e-4);
    }
}
