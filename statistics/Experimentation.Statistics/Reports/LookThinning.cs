namespace Experimentation.Statistics.Reports;

/// <summary>
/// Thins a long series of looks for a chart: every look is kept in PostgreSQL, but a chart needs at most a few
/// hundred points. Keeps the first and the last look and evenly spaced looks between them.
/// </summary>
/// <remarks>
/// Evenly spaced by look number, not by time: looks are taken on a schedule, so the two are close, and the running
/// always-valid p and CI are monotone, so no dropped look can hold an extreme the kept ones do not bound.
/// </remarks>
public static class LookThinning
{
    public const int DefaultMaxPoints = 500;

    public static IReadOnlyList<T> Thin<T>(IReadOnlyList<T> looks, int maxPoints)
    {
        if (maxPoints < 2 || looks.Count <= maxPoints) return looks;
        var kept = new List<T>(maxPoints);
        double step = (looks.Count - 1) / (double)(maxPoints - 1);
        for (int i = 0; i < maxPoints; i++) kept.Add(looks[(int)Math.Round(i * step)]);
        return kept;
    }
}
