namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// Shifted sums of a pair (x, y) over a set of units, exact under merging and unmerging. Units at exactly (0, 0) are
/// only counted (<see cref="Zeros"/>); every other unit enters the sums of its deviations from the shifts
/// (<see cref="ShiftX"/>, <see cref="ShiftY"/>), which are fixed at the first such unit seen. A mean metric uses x
/// alone (y is always 0); a ratio metric is (numerator, denominator); the novelty moments are (early, late).
/// </summary>
/// <remarks>
/// Why shifts: raw Σx² − (Σx)²/n cancels every digit of a variance of 0.01 at values near 1e6. With K a data value,
/// Σ(x − K)² is of the order of the variance, and subtracting a unit is as exact as adding it.
/// Why the zeros apart: an exposed user without events is a unit at 0, and usually gets events later. Inside the
/// shifted sums they would add and subtract (0 − K)² = K², whose rounding (ulps of K² times the number of such users)
/// is far larger than the variance of values near 1e6; counted apart they cost nothing.
/// Hand <see cref="Fold"/> to the statistics engine's <c>FromShiftedSums</c> constructors.
/// </remarks>
/// <param name="Count">Every unit, the zeros included.</param>
/// <param name="Zeros">Units at exactly (0, 0), which are not in the sums below.</param>
/// <param name="SumX">Σ(x − ShiftX) over the Count − Zeros other units.</param>
/// <param name="SumXX">Σ(x − ShiftX)².</param>
/// <param name="SumXY">Σ(x − ShiftX)(y − ShiftY).</param>
[GenerateSerializer, Immutable]
public readonly record struct PairedSums(
    [property: Id(0)] long Count,
    [property: Id(1)] long Zeros,
    [property: Id(2)] double ShiftX,
    [property: Id(3)] double ShiftY,
    [property: Id(4)] double SumX,
    [property: Id(5)] double SumY,
    [property: Id(6)] double SumXX,
    [property: Id(7)] double SumYY,
    [property: Id(8)] double SumXY)
{
    /// <summary>One unit: a zero, or a unit that is its own shift (all deviation sums 0).</summary>
    public static PairedSums Of(double x, double y) =>
        x == 0 && y == 0 ? new(1, 1, 0, 0, 0, 0, 0, 0, 0) : new(1, 0, x, y, 0, 0, 0, 0, 0);

    /// <summary>Σx over every unit.</summary>
    public double TotalX => (Count - Zeros) * ShiftX + SumX;

    /// <summary>Σy over every unit.</summary>
    public double TotalY => (Count - Zeros) * ShiftY + SumY;

    /// <summary>
    /// The same units with the zeros moved into the shifted sums (<see cref="Zeros"/> = 0), the form the engine's
    /// <c>SampleMean.FromShiftedSums(Count, ShiftX, SumX, SumXX)</c> and <c>RatioSample.FromShiftedSums</c> take.
    /// </summary>
    /// <remarks>
    /// Exact enough: when zeros and other units are both present, the spread between them is at least of the order
    /// of the shift, and the rounding of Zeros·K² is relative to that spread. A method, not a property, so that a
    /// serializer walking the properties does not recurse.
    /// </remarks>
    public PairedSums Fold()
    {
        if (Zeros == 0) return this;
        if (Zeros == Count) return new(Count, 0, 0, 0, 0, 0, 0, 0, 0);
        double z = Zeros;
        return new(Count, 0, ShiftX, ShiftY, SumX - z * ShiftX, SumY - z * ShiftY,
            SumXX + z * ShiftX * ShiftX, SumYY + z * ShiftY * ShiftY, SumXY + z * ShiftX * ShiftY);
    }

    /// <summary>
    /// The same sums about other shifts: with a = K − K′, Σ(x − K′) = Σ(x − K) + n·a,
    /// Σ(x − K′)² = Σ(x − K)² + a·(2Σ(x − K) + n·a), and the cross term likewise.
    /// </summary>
    public PairedSums RebasedOnto(double shiftX, double shiftY)
    {
        long n = Count - Zeros;
        if (n == 0) return this;
        double ax = ShiftX - shiftX, ay = ShiftY - shiftY;
        return new(Count, Zeros, shiftX, shiftY, SumX + n * ax, SumY + n * ay,
            SumXX + ax * (2 * SumX + n * ax), SumYY + ay * (2 * SumY + n * ay), SumXY + ay * SumX + ax * SumY + n * ax * ay);
    }

    /// <summary>Merges disjoint units, in the shifts of <paramref name="a"/> (or of b when a has none).</summary>
    public static PairedSums operator +(PairedSums a, PairedSums b)
    {
        if (b.Count == 0) return a;
        if (a.Count == a.Zeros) return b with { Count = a.Count + b.Count, Zeros = a.Zeros + b.Zeros };
        var r = b.RebasedOnto(a.ShiftX, a.ShiftY);
        return new(a.Count + b.Count, a.Zeros + b.Zeros, a.ShiftX, a.ShiftY, a.SumX + r.SumX, a.SumY + r.SumY,
            a.SumXX + r.SumXX, a.SumYY + r.SumYY, a.SumXY + r.SumXY);
    }

    /// <summary>
    /// Removes units that <paramref name="a"/> contains, keeping a's shifts. When no non-zero unit is left the shifts
    /// are cleared, so the next unit added fixes them again and no rounding residue survives.
    /// </summary>
    public static PairedSums operator -(PairedSums a, PairedSums b)
    {
        if (b.Count == 0) return a;
        long count = a.Count - b.Count, zeros = a.Zeros - b.Zeros;
        if (count == zeros) return new(count, zeros, 0, 0, 0, 0, 0, 0, 0);
        if (b.Count == b.Zeros) return a with { Count = count, Zeros = zeros };
        var r = b.RebasedOnto(a.ShiftX, a.ShiftY);
        return new(count, zeros, a.ShiftX, a.ShiftY, a.SumX - r.SumX, a.SumY - r.SumY,
            a.SumXX - r.SumXX, a.SumYY - r.SumYY, a.SumXY - r.SumXY);
    }
}
