using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Analysis;

/// <summary>
/// Validated options. The engine wants an absolute MDE, so a relative one is turned into an amount per set of arms,
/// from that set's control mean (which moves from look to look).
/// </summary>
public sealed record AnalysisSettings(
    AnalysisMetricType MetricType,
    AnalysisOptions Options,
    double? Mde,
    MdeType MdeType,
    GuardrailOptionsRequest? Guardrail)
{
    /// <summary>The engine options for these arms, and the power check's error code when no MDE applies.</summary>
    public (AnalysisOptions Options, string? PowerError) For(ArmSet arms)
    {
        if (Mde is not { } mde) return (Options, ErrorCodes.NoMde);
        if (MdeType == MdeType.Absolute) return (Options with { Mde = mde }, null);
        double baseline = Math.Abs(arms.Summary(0).Mean);
        double absolute = mde * baseline;
        return baseline > 0 && double.IsFinite(absolute)
            ? (Options with { Mde = absolute }, null)
            : (Options, ErrorCodes.ZeroBaseline);
    }
}
