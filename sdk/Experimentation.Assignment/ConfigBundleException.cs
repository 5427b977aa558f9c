namespace Experimentation.Assignment;

/// <summary>Thrown by <see cref="AssignmentSnapshot.Compile"/> for a bundle that breaks the assignment contract.</summary>
public sealed class ConfigBundleException(IReadOnlyList<string> errors)
    : Exception("The config bundle is invalid: " + string.Join(" ", errors))
{
    /// <summary>Every problem found, as <see cref="ConfigBundleValidator.Validate"/> reports them.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
