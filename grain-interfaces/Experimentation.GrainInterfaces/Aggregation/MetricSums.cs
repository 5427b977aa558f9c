namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// Sufficient statistics of one metric over the exposed users of a variant: every exposed user is a unit. A mean or
/// conversion metric keeps the per-user value x in <see cref="Values"/> (y = 0); a ratio metric, and an <c>avg</c>
/// (Σ value / Σ events), keep (numerator, denominator). <see cref="Conversions"/> counts users with x &gt; 0.
/// </summary>
/// <remarks>
/// Per-user values change after they were counted, so a user is subtracted and added again; <see cref="PairedSums"/>
/// keeps that exact. The statistics engine takes <c>Values.Fold()</c> with its <c>FromShiftedSums</c> constructors
/// (a conversion takes <see cref="Count"/> and <see cref="Conversions"/>).
/// </remarks>
[GenerateSerializer, Immutable]
public readonly record struct MetricSums(
    [property: Id(0)] PairedSums Values,
    [property: Id(1)] long Conversions)
{
    /// <summary>The number of units (exposed users).</summary>
    public long Count => Values.Count;

    /// <summary>One user with value <paramref name="x"/> (converted when x &gt; 0).</summary>
    public static MetricSums OfValue(double x) => new(PairedSums.Of(x, 0), x > 0 ? 1 : 0);

    /// <summary>One user of a ratio metric with numerator <paramref name="m"/> and denominator <paramref name="d"/>.</summary>
    public static MetricSums OfRatio(double m, double d) => new(PairedSums.Of(m, d), 0);

    public bool IsEmpty => Values.Count == 0;

    public static MetricSums operator +(MetricSums a, MetricSums b) => new(a.Values + b.Values, a.Conversions + b.Conversions);

    public static MetricSums operator -(MetricSums a, MetricSums b) => new(a.Values - b.Values, a.Conversions - b.Conversions);
}
