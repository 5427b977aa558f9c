namespace Experimentation.Statistics;

/// <summary>Adjusted p-values for a family of tests, as statsmodels.stats.multitest.multipletests.</summary>
public static class MultipleComparisons
{
    /// <summary>
    /// Returns the adjusted p-values in the input order. NaN inputs (tests that could not run) stay NaN and are left
    /// out of the family size.
    /// </summary>
    public static double[] Adjust(ReadOnlySpan<double> pValues, CorrectionMethod method = CorrectionMethod.BenjaminiHochberg)
    {
        var adjusted = pValues.ToArray();
        if (method == CorrectionMethod.None) return adjusted;

        var order = new List<int>(adjusted.Length);
        for (int i = 0; i < adjusted.Length; i++)
            if (!double.IsNaN(adjusted[i])) order.Add(i);
        // Stable sort on p, so ties keep their input order as numpy's mergesort does.
        order.Sort((a, b) => adjusted[a] != adjusted[b] ? adjusted[a].CompareTo(adjusted[b]) : a.CompareTo(b));
        int m = order.Count;

        if (method == CorrectionMethod.Holm)
        {
            // Step down: (m − k)·p_(k), made non-decreasing by a running maximum, capped at 1.
            double running = 0;
            for (int k = 0; k < m; k++)
            {
                running = Math.Max(running, Math.Min(1.0, (m - k) * pValues[order[k]]));
                adjusted[order[k]] = running;
            }
        }
        else
        {
            // Step up: m/k·p_(k), made non-increasing from the largest down by a running minimum, capped at 1.
            double running = 1;
            for (int k = m - 1; k >= 0; k--)
            {
                running = Math.Min(running, (double)m / (k + 1) * pValues[order[k]]);
                adjusted[order[k]] = running;
            }
        }
        return adjusted;
    }
}
