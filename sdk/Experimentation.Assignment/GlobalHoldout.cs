namespace Experimentation.Assignment;

/// <summary>
/// The reserved experiment of the global holdout's impact analysis. SDKs log a user whom the global holdout keeps out
/// of an experiment as an exposure to <see cref="ExperimentKey"/> with variant <see cref="HoldoutVariant"/>; the
/// platform counts every other user, from their first exposure to any experiment, in <see cref="ExposedVariant"/>.
/// </summary>
/// <remarks>
/// An experiment with this key is never assigned (it is left out of the config bundle): it only holds the analysis,
/// its metric bindings and its looks. See docs/holdout.md.
/// </remarks>
public static class GlobalHoldout
{
    /// <summary>The reserved experiment key.</summary>
    public const string ExperimentKey = "global-holdout";

    /// <summary>The held-out users: the analysis' control.</summary>
    public const string HoldoutVariant = "holdout";

    /// <summary>Users exposed to at least one experiment: the analysis' treatment.</summary>
    public const string ExposedVariant = "exposed";
}
