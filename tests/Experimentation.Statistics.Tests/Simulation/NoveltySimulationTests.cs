using Xunit;
using Xunit.Abstractions;

namespace Experimentation.Statistics.Tests.Simulation;

/// <summary>
/// Daily cohorts as issue 11 describes them: 10 days, 1,500 users per arm per day of first exposure (on average; see
/// <see cref="Experiment"/>), each arriving at a uniform time in their day, with a gamma-distributed daily rate (shape 2, mean 1) and Poisson counts per
/// user-day, observed at the end of day 10. E = 2 days. Per-user e and l are summed from the simulated user-days
/// (the last one partial), then folded into <see cref="NoveltySample"/>.
/// </summary>
public class NoveltySimulationTests(ITestOutputHelper output)
{
    private const int Days = 10, UsersPerDay = 1500, SteadyExperiments = 400, NoveltyExperiments = 200;

    private static readonly int EarlyDays = NoveltyTest.EarlyWindowDays(Days);

    [Fact]
    public void ASteadyFivePercentEffectIsFlaggedAtMostSixPercentOfTheTime()
    {
        int flagged = 0;
        double earlySum = 0, lateSum = 0, zSum = 0, zSquares = 0;
        // One generator for all experiments: System.Random streams from consecutive seeds are correlated.
        var random = new Random(1_000);
        for (int experiment = 0; experiment < SteadyExperiments; experiment++)
        {
            var (control, treatment) = Experiment(random, _ => 1.05);
            var result = NoveltyTest.Evaluate(control, treatment);
            Assert.Equal(StatisticsError.None, result.Error);
            if (result.IsNovelty) flagged++;
            earlySum += result.EarlyEffect;
            lateSum += result.LateEffect;
            zSum += result.Z;
            zSquares += result.Z * result.Z;
        }
        double zMean = zSum / SteadyExperiments, zSd = Math.Sqrt((zSquares - zSum * zMean) / (SteadyExperiments - 1));

        double rate = (double)flagged / SteadyExperiments;
        double upper = BinomialBounds.ClopperPearsonUpper(flagged, SteadyExperiments, 0.95);
        // A calibrated test flags α/2 = 2.5% under a steady effect: the fading half of a two-sided 5%.
        double chance = BinomialBounds.UpperTail((int)(0.06 * SteadyExperiments) + 1, SteadyExperiments, 0.025);
        string summary = $"steady +5%: {flagged}/{SteadyExperiments} flagged = {rate:P2}; one-sided 95% Clopper–Pearson "
            + $"upper bound {upper:P2}. Asserted: observed ≤ 6% (issue 11) and the upper bound ≤ 6%. A calibrated 2.5% "
            + $"rate exceeds 6% observed with probability P(Bin({SteadyExperiments}, 0.025) > {(int)(0.06 * SteadyExperiments)}) = {chance:E1}. "
            + $"Mean effects: early {earlySum / SteadyExperiments:P2}, late {lateSum / SteadyExperiments:P2}; z mean {zMean:F3}, sd {zSd:F3}";
        output.WriteLine(summary);
        Assert.True(rate <= 0.06 && upper <= 0.06, summary);
        // Calibrated, not merely conservative: z has a standard deviation of 1 within 0.15, about 4 standard errors of
        // a standard deviation over 400 draws.
        Assert.True(Math.Abs(zSd - 1) < 0.15, summary);
        // Unbiased whatever the exposure ages: each window's mean effect is the true 5%, within 5 of its standard
        // errors over the experiments (about 0.06 points for the early window).
        Assert.True(Math.Abs(earlySum / SteadyExperiments - 0.05) < 0.003 && Math.Abs(lateSum / SteadyExperiments - 0.05) < 0.003, summary);
    }

    [Fact]
    public void AThirtyPercentUpliftInEachUsersFirstTwoDaysIsFlagged()
    {
        int flagged = 0;
        double zSum = 0;
        var random = new Random(5_000);
        for (int experiment = 0; experiment < NoveltyExperiments; experiment++)
        {
            var (control, treatment) = Experiment(random, age => age < EarlyDays ? 1.3 : 1.0);
            var result = NoveltyTest.Evaluate(control, treatment);
            Assert.Equal(StatisticsError.None, result.Error);
            if (result.IsNovelty) flagged++;
            zSum += result.Z;
        }

        double power = (double)flagged / NoveltyExperiments;
        string summary = $"novelty +30% in the first {EarlyDays} days: {flagged}/{NoveltyExperiments} flagged = {power:P1} "
            + $"(mean z {zSum / NoveltyExperiments:F1}); asserted power ≥ 95%";
        output.WriteLine(summary);
        Assert.True(power >= 0.95, summary);
    }

    /// <summary>
    /// One experiment: each day 3,000 users arrive and a fair coin assigns each to an arm, as the platform's hashing
    /// does, so an arm has 1,500 users per day on average.
    /// </summary>
    /// <remarks>
    /// Exactly 1,500 per arm and day would stratify by cohort and remove the between-cohort part of the variance of l̄
    /// (late exposure runs from 0 to 8 days), which the per-user variance still counts: the test is then conservative
    /// (z had a standard deviation of 0.79 over 400 steady experiments). Randomised arrivals are what the test assumes.
    /// </remarks>
    private static (NoveltySample Control, NoveltySample Treatment) Experiment(Random random, Func<int, double> treatmentByAge)
    {
        NoveltySample control = default, treatment = default;
        for (int day = 0; day < Days; day++)
        {
            for (int user = 0; user < 2 * UsersPerDay; user++)
            {
                bool treated = random.Next(2) == 1;
                double rate = random.Gamma(2, 0.5);
                double exposure = Days - day - random.NextDouble();
                int early = 0, late = 0;
                for (int age = 0; age < exposure; age++)
                {
                    double multiplier = treated ? treatmentByAge(age) : 1.0;
                    int count = random.Poisson(rate * multiplier * Math.Min(1, exposure - age));
                    if (age < EarlyDays) early += count; else late += count;
                }
                if (treated) treatment = treatment.Add(early, late); else control = control.Add(early, late);
            }
        }
        return (control, treatment);
    }
}
