namespace Experimentation.Statistics;

internal static class Logarithms
{
    /// <summary>
    /// ln(1 + x) without losing x when it is tiny (Goldberg's trick; .NET's LogP1 is plain Log(1 + x)), for log-ratios
    /// of nearly equal means and for the t tail.
    /// </summary>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x − 1 without losing x when it is tiny (Kahan's trick; .NET's ExpM1 is plain Exp(x) − 1).</summary>
    public static double ExpMinusOne(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        return um1 == -1 || double.IsInfinity(u) ? um1 : um1 * x / Math.Log(u);
    }
}
