namespace Experimentation.Tests.LiveAnalysis;

/// <summary>What the live-analysis tests share: the comparison of a live number with the engine's, and normal draws.</summary>
internal static class LiveNumbers
{
    /// <summary>
    /// |actual − expected| ≤ tolerance·max(1, |expected|): a live number equals the engine's on the same per-user data
    /// up to the rounding of the shards' shifted sums (1e-9), or of raw sums given to the analysis API.
    /// </summary>
    public static void Close(double expected, double actual, string what, double tolerance = 1e-9) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, actual {actual:R}");

    /// <summary>A standard normal draw (Box–Muller), from the test's own seeded generator.</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
