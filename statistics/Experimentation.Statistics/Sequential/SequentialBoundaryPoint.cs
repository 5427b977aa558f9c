namespace Experimentation.Statistics;

/// <summary>
/// One point of the boundary chart: the observed Λ against its boundary 1/α, and the effect with its
/// confidence-sequence interval against the running intersection.
/// </summary>
public readonly record struct SequentialBoundaryPoint(
    DateTimeOffset At,
    double Delta,
    double Lambda,
    double LambdaBoundary,
    double AlwaysValidPValue,
    Interval ConfidenceInterval,
    Interval AlwaysValidConfidenceInterval,
    bool CrossedBoundary);
