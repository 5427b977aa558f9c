namespace Experimentation.Assignment.Tests;

/// <summary>
/// The χ² tail probability for the uniformity and independence tests: P(X ≥ x) = Q(k/2, x/2), the regularized
/// upper incomplete gamma function (series below a+1, Lentz continued fraction above, as in Numerical Recipes §6.2).
/// </summary>
internal static class ChiSquared
{
    public static double UpperTail(double statistic, int degreesOfFreedom) =>
        RegularizedUpperGamma(degreesOfFreedom / 2.0, statistic / 2.0);

    /// <summary>Pearson's statistic Σ (observed − expected)² / expected.</summary>
    public static double Statistic(ReadOnlySpan<long> observed, ReadOnlySpan<double> expected)
    {
        double sum = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            double diff = observed[i] - expected[i];
            sum += diff * diff / expected[i];
        }
        return sum;
    }

    /// <summary>p-value of observed counts against equal expected counts.</summary>
    public static double UniformityPValue(ReadOnlySpan<long> observed)
    {
        long total = 0;
        foreach (long count in observed) total += count;
        var expected = new double[observed.Length];
        Array.Fill(expected, (double)total / observed.Length);
        return UpperTail(Statistic(observed, expected), observed.Length - 1);
    }

    /// <summary>p-value of the test of independence of an r × c contingency table, df = (r−1)(c−1).</summary>
    public static double IndependencePValue(long[,] table)
    {
        int rows = table.GetLength(0), columns = table.GetLength(1);
        var rowSums = new double[rows];
        var columnSums = new double[columns];
        double total = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                rowSums[r] += table[r, c];
                columnSums[c] += table[r, c];
                total += table[r, c];
            }
        double statistic = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double expected = rowSums[r] * columnSums[c] / total;
                double diff = table[r, c] - expected;
                statistic += diff * diff / expected;
            }
        return UpperTail(statistic, (rows - 1) * (columns - 1));
    }

    private static double RegularizedUpperGamma(double a, double x)
    {
        if (x <= 0) return 1.0;
        double logPrefix = -x + a * Math.Log(x) - LogGamma(a);
        if (x < a + 1)
        {
            // Series for the lower function P; Q = 1 − P.
            double term = 1.0 / a, sum = term;
            for (double n = a + 1; Math.Abs(term) > Math.Abs(sum) * 1e-15; n++)
            {
                term *= x / n;
                sum += term;
            }
            return 1.0 - sum * Math.Exp(logPrefix);
        }
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int i = 1; i < 10_000; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return Math.Exp(logPrefix) * h;
    }

    // Lanczos approximation (g = 7, 9 coefficients), accurate to about 15 digits for positive arguments.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private static double LogGamma(double z)
    {
        z -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++)
            sum += Lanczos[i] / (z + i);
        double t = z + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
