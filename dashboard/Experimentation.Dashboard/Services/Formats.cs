using System.Globalization;
using Experimentation.Statistics;

namespace Experimentation.Dashboard.Services;

/// <summary>
/// How numbers read on every page: "+2.31% [−0.4%, +5.1%]", "p = 0.012", with a real minus sign and a dash for a
/// number that could not be computed. Invariant culture, because the host runs with invariant globalization.
/// </summary>
public static class Formats
{
    public const string Missing = "—";
    private const char Minus = '\u2212';
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>A relative change (a fraction) as a signed percent: 0.0231 is "+2.31%".</summary>
    public static string Percent(double? fraction, int decimals = 2) =>
        fraction is { } f && double.IsFinite(f) ? Signed(f * 100, "F" + decimals) + "%" : Missing;

    /// <summary>A lift with its interval: "+2.31% [−0.4%, +5.1%]"; the interval's bounds carry one decimal.</summary>
    public static string LiftWithInterval(double? lift, double? lower, double? upper) =>
        $"{Percent(lift)} [{Percent(lower, 1)}, {Percent(upper, 1)}]";

    /// <summary>"p = 0.012", "p &lt; 0.001" below a thousandth, and "p = —" when there is no test.</summary>
    public static string P(double? p) => p switch
    {
        null => "p = " + Missing,
        { } v when !double.IsFinite(v) => "p = " + Missing,
        < 0.001 => "p < 0.001",
        { } v => "p = " + v.ToString("F3", Culture),
    };

    /// <summary>An absolute effect on the metric's scale, signed, to four significant digits.</summary>
    public static string Signed(double? value) => value is { } v && double.IsFinite(v) ? Signed(v, "G4") : Missing;

    /// <summary>A metric value: a rate as a percent, anything else to four significant digits.</summary>
    public static string Value(double? value, MetricKind kind) => value switch
    {
        null => Missing,
        { } v when !double.IsFinite(v) => Missing,
        { } v when kind == MetricKind.Conversion => (v * 100).ToString("F2", Culture) + "%",
        { } v => Number(v),
    };

    public static string Number(double value) => Unsigned(value.ToString("G4", Culture));

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string BadgeText(SignificanceBadge badge) => badge switch
    {
        SignificanceBadge.Significant => "significant",
        SignificanceBadge.NotSignificant => "not significant",
        SignificanceBadge.Underpowered => "underpowered",
        _ => "SRM warning",
    };

    /// <summary>A share of the total weight as a percent with one decimal: 1 of 3 is "33.3%".</summary>
    public static string Share(int weight, int total) =>
        total <= 0 ? Missing : (100.0 * weight / total).ToString("F1", Culture) + "%";

    /// <summary>A share in basis points (of 10,000) as a percent: 150 is "1.5%".</summary>
    public static string BasisPoints(int basisPoints) => (basisPoints / 100.0).ToString("0.##", Culture) + "%";

    private static string Signed(double value, string format)
    {
        var text = Math.Abs(value).ToString(format, Culture);
        // A value that rounds to zero is shown unsigned, so "−0.00%" never appears.
        if (double.Parse(text, Culture) == 0) return text;
        return (value < 0 ? Minus : '+') + text;
    }

    private static string Unsigned(string text) => text.Replace('-', Minus);
}
