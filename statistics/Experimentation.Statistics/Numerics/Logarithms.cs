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
}
