namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// Sufficient statistics of one metric over a set of exposed users, as raw sums that merge by addition and unmerge by
/// subtraction (a user whose value changes from x to x' is removed and added again). Mean metrics use
/// <see cref="Count"/>, <see cref="Sum"/> and <see cref="SumSquares"/>; conversions also <see cref="Conversions"/>;
/// ratio metrics the numerator (M) and denominator (D) sums and cross products.
/// </summary>
/// <remarks>
/// Sums rather than centred moments because per-user values change after they were counted, and subtracting a
/// value is exact with sums. Integer-valued metrics stay exact up to 2^53; the statistics engine converts these sums
/// with its <c>FromSums</c> constructors.
/// </remarks>
[GenerateSerializer, Immutable]
public readonly record struct MetricSums(
    [property: Id(0)] long Count,
    [property: Id(1)] double Sum,
    [property: Id(2)] double SumSquares,
    [property: Id(3)] long Conversions,
    [property: Id(4)] double SumNumerator,
    [property: Id(5)] double SumDenominator,
    [property: Id(6)] double SumNumeratorSquares,
    [property: Id(7)] double SumDenominatorSquares,
    [property: Id(8)] double SumProducts)
{
    /// <summary>One user with value <paramref name="x"/> (converted when x &gt; 0).</summary>
    public static MetricSums OfValue(double x) => new(1, x, x * x, x > 0 ? 1 : 0, 0, 0, 0, 0, 0);

    /// <summary>One user of a ratio metric with numerator <paramref name="m"/> and denominator <paramref name="d"/>.</summary>
    public static MetricSums OfRatio(double m, double d) => new(1, 0, 0, 0, m, d, m * m, d * d, m * d);

    public bool IsEmpty => this == default;

    public static MetricSums operator +(MetricSums a, MetricSums b) => new(
        a.Count + b.Count, a.Sum + b.Sum, a.SumSquares + b.SumSquares, a.Conversions + b.Conversions,
        a.SumNumerator + b.SumNumerator, a.SumDenominator + b.SumDenominator, a.SumNumeratorSquares + b.SumNumeratorSquares,
        a.SumDenominatorSquares + b.SumDenominatorSquares, a.SumProducts + b.SumProducts);

    public static MetricSums operator -(MetricSums a, MetricSums b) => new(
        a.Count - b.Count, a.Sum - b.Sum, a.SumSquares - b.SumSquares, a.Conversions - b.Conversions,
        a.SumNumerator - b.SumNumerator, a.SumDenominator - b.SumDenominator, a.SumNumeratorSquares - b.SumNumeratorSquares,
        a.SumDenominatorSquares - b.SumDenominatorSquares, a.SumProducts - b.SumProducts);
}
