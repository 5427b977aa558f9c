using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class NoveltySampleTests
{
    [Fact]
    public void FoldingMergingAndTheBatchAgreeOnEveryMoment()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 100; trial++)
        {
            var users = Enumerable.Range(0, random.Next(3, 300))
                .Select(_ => { double e = random.Next(0, 20); return (Early: e, Late: 2 * e + random.Next(0, 30)); }).ToArray();
            var batch = NoveltySample.FromValues(users.Select(u => u.Early).ToArray(), users.Select(u => u.Late).ToArray());
            var folded = users.Aggregate(default(NoveltySample), (s, u) => s.Add(u.Early, u.Late));
            var merged = users.Chunk(random.Next(1, 9)).OrderBy(_ => random.Next())
                .Select(c => c.Aggregate(default(NoveltySample), (s, u) => s.Add(u.Early, u.Late)))
                .Aggregate(default(NoveltySample), (a, b) => a + b);

            double meanE = users.Average(u => u.Early), meanL = users.Average(u => u.Late);
            double covariance = users.Sum(u => (u.Early - meanE) * (u.Late - meanL)) / (users.Length - 1);
            foreach (var sample in new[] { batch, folded, merged })
            {
                Assert.Equal(users.Length, sample.Count);
                Close(meanE, sample.EarlyMean, 1e-12, 1);
                Close(meanL, sample.LateMean, 1e-12, 1);
                Close(covariance, sample.Covariance, 1e-9, Math.Sqrt(sample.Early.Variance * sample.Late.Variance));
            }
        }
    }

    [Fact]
    public void ShiftedSumsKeepTheDigitsThatRawSumsLose()
    {
        // novelty-006: latencies near 1e6 with a spread of 0.1. Raw Σe² − (Σe)²/n cancels the variance; Σ(e − K)²
        // with K the first user's value keeps it.
        var (input, _) = Case("novelty-006");
        var arm = input.GetProperty("control");
        var early = arm.GetProperty("early").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var late = arm.GetProperty("late").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var s = arm.GetProperty("shifted");
        var exact = NoveltySample.FromValues(early, late);
        var shifted = NoveltySample.FromShiftedSums(s.GetProperty("n").GetInt64(), s.Number("shift_early"), s.Number("shift_late"),
            s.Number("sum_early"), s.Number("sum_late"), s.Number("sum_early_squares"), s.Number("sum_late_squares"),
            s.Number("sum_products"));
        double sumE = 0, sumL = 0, sumEE = 0, sumLL = 0, sumEL = 0;
        for (int i = 0; i < early.Length; i++)
        {
            sumE += early[i]; sumL += late[i]; sumEE += early[i] * early[i]; sumLL += late[i] * late[i]; sumEL += early[i] * late[i];
        }
        var raw = NoveltySample.FromShiftedSums(early.Length, 0, 0, sumE, sumL, sumEE, sumLL, sumEL);

        Close(exact.Early.Variance, shifted.Early.Variance, Algebra, what: "shifted early variance");
        Close(exact.Late.Variance, shifted.Late.Variance, Algebra, what: "shifted late variance");
        Close(exact.Covariance, shifted.Covariance, Algebra, Math.Sqrt(exact.Early.Variance * exact.Late.Variance), "shifted covariance");
        Assert.True(Math.Abs(raw.Early.Variance - exact.Early.Variance) > 1e-3 * exact.Early.Variance,
            $"raw sums unexpectedly kept the variance: {raw.Early.Variance} against {exact.Early.Variance}");
    }

    [Fact]
    public void AnEmptySampleIsDefaultAndUnpairedValuesAreACallersBug()
    {
        Assert.Equal(default, NoveltySample.FromShiftedSums(0, 5, 5, 0, 0, 0, 0, 0));
        Assert.Equal(default, NoveltySample.FromValues([], []));
        Assert.Throws<ArgumentException>(() => NoveltySample.FromValues([1.0, 2.0], [1.0]));
    }
}
