namespace Experimentation.Statistics;

/// <summary>Which p-value decides the badge.</summary>
public enum DecisionMode
{
    /// <summary>
    /// The always-valid (mSPRT) p-value, valid however often results are read: the live default, since results are
    /// always live. An arm below the planned sample is shown as underpowered only while the evidence is not
    /// significant, because the always-valid p needs no planned horizon to be valid.
    /// </summary>
    Sequential = 0,

    /// <summary>
    /// The fixed-horizon p-value, valid only once: the badge says underpowered until the planned sample size (from the
    /// MDE) is reached, then the fixed p decides.
    /// </summary>
    FixedHorizon,
}
