namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// Exposures that do not enter the analysis, by reason. They are stored and counted so that a broken integration
/// shows up on the results page instead of silently biasing it.
/// </summary>
/// <param name="NotRunning">The experiment did not exist or was not running when the exposure was ingested.</param>
/// <param name="UnknownVariant">The experiment has no variant with the given key.</param>
/// <param name="ConflictingVariant">
/// Exposures to another variant than the user's earliest exposure to the experiment, which decides the variant; when the
/// earlier one arrives last, the user moves to it and the one it displaced is counted here.
/// </param>
[GenerateSerializer, Immutable]
public readonly record struct MismatchCounts(
    [property: Id(0)] long NotRunning,
    [property: Id(1)] long UnknownVariant,
    [property: Id(2)] long ConflictingVariant)
{
    public long Total => NotRunning + UnknownVariant + ConflictingVariant;

    public static MismatchCounts operator +(MismatchCounts a, MismatchCounts b) =>
        new(a.NotRunning + b.NotRunning, a.UnknownVariant + b.UnknownVariant, a.ConflictingVariant + b.ConflictingVariant);
}
