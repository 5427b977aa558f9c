namespace Experimentation.GrainInterfaces.Settings;

/// <summary>
/// Who must have experiments reviewed before they start: everyone, or the listed owner teams. Off on a new
/// installation, so that one person can try the platform alone.
/// </summary>
/// <param name="Everyone">Review is required for every team.</param>
/// <param name="Teams">Teams that require review even when <paramref name="Everyone"/> is off, in ordinal order.</param>
/// <param name="Version">Events in the settings stream (0 before any change).</param>
[GenerateSerializer, Immutable]
public sealed record ReviewSettings(bool Everyone, string[] Teams, long Version)
{
    public static readonly ReviewSettings Off = new(false, [], 0);

    /// <summary>Whether an experiment owned by <paramref name="team"/> must be approved before it starts.</summary>
    public bool RequiredFor(string team) => Everyone || Array.BinarySearch(Teams, team, StringComparer.Ordinal) >= 0;
}
