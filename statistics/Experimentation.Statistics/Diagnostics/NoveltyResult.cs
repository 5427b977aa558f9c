namespace Experimentation.Statistics;

/// <summary>The novelty check: the effect in the early window against the effect in the rest.</summary>
/// <param name="Error">None, or why there is no test (then <see cref="IsNovelty"/> is false).</param>
/// <param name="EarlyBuckets">How many leading buckets form the early window.</param>
/// <param name="EarlyDelta">T − C over the early window.</param>
/// <param name="LateDelta">T − C over the rest.</param>
/// <param name="Z">(early − late)/√(SE_early² + SE_late²).</param>
/// <param name="PValue">Two-sided p of Z.</param>
/// <param name="IsNovelty">p &lt; α and |early| &gt; |late|.</param>
public readonly record struct NoveltyResult(
    StatisticsError Error, int EarlyBuckets, double EarlyDelta, double LateDelta, double Z, double PValue, bool IsNovelty);
