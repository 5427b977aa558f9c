using System.Text.Json;

namespace Experimentation.Statistics.Reports;

/// <summary>The error codes reports put beside null statistics.</summary>
public static class ErrorCodes
{
    /// <summary>A value is beyond the range of a double (or came out as ∞ − ∞) although the inputs were valid.</summary>
    public const string Overflow = "overflow";

    /// <summary>No MDE was given, so there is no required sample size.</summary>
    public const string NoMde = "no_mde";

    /// <summary>The running intersection of the always-valid CIs is empty.</summary>
    public const string EmptyIntersection = "empty_intersection";

    /// <summary>The control mean is 0: no relative lift, and a relative MDE has no absolute size.</summary>
    public static readonly string ZeroBaseline = Of(StatisticsError.ZeroBaseline)!;

    /// <summary>The engine's code in snake_case (too_few_units, zero_variance, …); null for None.</summary>
    public static string? Of(StatisticsError error) =>
        error == StatisticsError.None ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(error.ToString());
}
