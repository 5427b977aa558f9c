using System.Text.Json;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class NoveltyTestTests
{
    public static TheoryData<string> NoveltyCases => Ids("novelty");

    [Theory, MemberData(nameof(NoveltyCases))]
    public void EarlyVersusLateEffectMatchesTheZTestFormula(string id)
    {
        var (input, expected) = Case(id);
        var buckets = input.GetProperty("buckets").EnumerateArray()
            .Select(b => (b.GetProperty("control").Arm(), b.GetProperty("treatment").Arm())).ToList();
        var result = NoveltyTest.Evaluate(buckets);
        Assert.Equal(StatisticsError.None, result.Error);
        Assert.Equal(expected.GetProperty("early").GetInt32(), result.EarlyBuckets);
        Close(expected.Number("early_delta"), result.EarlyDelta, Algebra, 1e-3);
        Close(expected.Number("late_delta"), result.LateDelta, Algebra, 1e-3);
        Close(expected.Number("z"), result.Z, Algebra, 1e-3);
        Close(expected.Number("p"), result.PValue, Distribution);
        Assert.Equal(expected.GetProperty("novelty").GetBoolean(), result.IsNovelty);
    }

    [Fact]
    public void AFadingConversionLiftIsFlaggedAndASteadyOneIsNot()
    {
        var fading = Enumerable.Range(0, 10)
            .Select(day => (new Proportion(5000, 500), new Proportion(5000, day < 2 ? 650 : 510))).ToList();
        var steady = Enumerable.Range(0, 10).Select(_ => (new Proportion(5000, 500), new Proportion(5000, 550))).ToList();
        Assert.True(NoveltyTest.Evaluate(fading).IsNovelty);
        Assert.False(NoveltyTest.Evaluate(steady).IsNovelty);
    }

    [Fact]
    public void ASingleBucketCannotBeSplit()
    {
        var one = new List<(SampleMean, SampleMean)> { (SampleMean.FromMoments(10, 1, 1), SampleMean.FromMoments(10, 2, 1)) };
        Assert.Equal(StatisticsError.InvalidInput, NoveltyTest.Evaluate(one).Error);
    }
}
