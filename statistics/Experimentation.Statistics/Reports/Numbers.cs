namespace Experimentation.Statistics.Reports;

/// <summary>
/// Turns engine doubles into JSON numbers: NaN and ±∞ become null, and the tracker remembers that something was
/// lost, so a section without an engine error code can still say why (overflow).
/// </summary>
public sealed class Numbers
{
    /// <summary>True once a non-finite value has been mapped to null.</summary>
    public bool Lost { get; private set; }

    public double? Of(double x)
    {
        if (double.IsFinite(x)) return x;
        Lost = true;
        return null;
    }

    /// <summary>The engine's code, or overflow when a value was lost without one.</summary>
    public string? Error(string? engineError) => engineError ?? (Lost ? ErrorCodes.Overflow : null);
}
