namespace Experimentation.LoadGen;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
public static class Percentiles
{
    public static string Describe(List<double> ms) => ms.Count == 0 ? "no samples"
        : $"p50 {Of(ms, 0.50):F2} ms, p90 {Of(ms, 0.90):F2} ms, p99 {Of(ms, 0.99):F2} ms, max {ms.Max():F2} ms (n={ms.Count}, {ms.Count(x => x > 5):N0} over 5 ms)";

    public static double Of(List<double> ms, double p)
    {
        var sorted = ms.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
