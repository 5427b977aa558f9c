namespace Experimentation.Statistics;

/// <summary>
/// One look of a guardrail's test of H₀: "the relative harm is at most the tolerance", with the state to carry to
/// the next look. Relative harm is the change in the harmful direction: μ_T/μ_C − 1 for a lower-is-better metric,
/// 1 − μ_T/μ_C for a higher-is-better one (0.03 is 3% worse; negative when the metric improved).
/// </summary>
/// <param name="Error">None, or why this look has no test (the state is then carried unchanged).</param>
/// <param name="Degradation">The relative harm of this look's means; NaN when the control mean is 0.</param>
/// <param name="LogRatio">ln(x̄_T/x̄_C), the scale the test runs on.</param>
/// <param name="StandardError">Its delta-method SE: √(s_T²/(n_T x̄_T²) + s_C²/(n_C x̄_C²)), both arms' noise.</param>
/// <param name="NullLogRatio">The tolerance on that scale: ln(1 + tolerance), or ln(1 − tolerance) when higher is better.</param>
/// <param name="TauSquared">The mixing variance τ² on the log-ratio scale.</param>
/// <param name="LogLambda">ln Λ of the one-sided mSPRT against the tolerance.</param>
/// <param name="PValue">This look's 1/Λ, capped at 1.</param>
/// <param name="AlwaysValidPValue">The running minimum of <see cref="PValue"/>: the guardrail's always-valid p.</param>
/// <param name="Interval">This look's always-valid bounds on the relative harm, each one-sided at 1 − α.</param>
/// <param name="AlwaysValidInterval">The running intersection of <see cref="Interval"/>.</param>
/// <param name="Breached">Always-valid p &lt; α, and this look's degradation beyond the tolerance.</param>
/// <param name="State">The state to pass to the next look: running p and bounds, on the relative-harm scale.</param>
public readonly record struct GuardrailLook(
    StatisticsError Error,
    double Degradation,
    double LogRatio,
    double StandardError,
    double NullLogRatio,
    double TauSquared,
    double LogLambda,
    double PValue,
    double AlwaysValidPValue,
    Interval Interval,
    Interval AlwaysValidInterval,
    bool Breached,
    SequentialState State);
