namespace Experimentation.Statistics;

/// <summary>A closed interval [Lower, Upper], used for confidence intervals.</summary>
public readonly record struct Interval(double Lower, double Upper)
{
    /// <summary>An interval with both bounds NaN, carried only beside an error code.</summary>
    public static Interval Undefined => new(double.NaN, double.NaN);

    /// <summary>Estimate ± halfWidth.</summary>
    public static Interval Around(double estimate, double halfWidth) => new(estimate - halfWidth, estimate + halfWidth);

    /// <summary>True when the interval lies strictly inside (lower, upper).</summary>
    public bool IsInside(double lower, double upper) => Lower > lower && Upper < upper;

    /// <summary>True when x is within the interval.</summary>
    public bool Contains(double x) => Lower <= x && x <= Upper;
}
