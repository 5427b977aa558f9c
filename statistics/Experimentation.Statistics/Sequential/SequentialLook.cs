namespace Experimentation.Statistics;

/// <summary>One look of the mixture SPRT, with the state to carry to the next look.</summary>
/// <param name="Error">None, or why this look was skipped (the state is then carried unchanged).</param>
/// <param name="TauSquared">The mixing variance τ² used.</param>
/// <param name="LogLambda">ln Λ, finite where Λ itself overflows (overwhelming evidence at large n).</param>
/// <param name="Lambda">The mixture likelihood ratio Λ at this look; +∞ once ln Λ exceeds about 709.</param>
/// <param name="PValue">1/Λ capped at 1, before taking the running minimum.</param>
/// <param name="AlwaysValidPValue">The running minimum of the p-value.</param>
/// <param name="ConfidenceInterval">This look's confidence-sequence interval.</param>
/// <param name="AlwaysValidConfidenceInterval">The running intersection of the intervals.</param>
/// <param name="StopForEfficacy">Always-valid p &lt; α.</param>
/// <param name="StopForFutility">The always-valid CI lies inside (−MDE, +MDE).</param>
/// <param name="State">The state to pass to the next look.</param>
public readonly record struct SequentialLook(
    StatisticsError Error,
    double TauSquared,
    double LogLambda,
    double Lambda,
    double PValue,
    double AlwaysValidPValue,
    Interval ConfidenceInterval,
    Interval AlwaysValidConfidenceInterval,
    bool StopForEfficacy,
    bool StopForFutility,
    SequentialState State);
