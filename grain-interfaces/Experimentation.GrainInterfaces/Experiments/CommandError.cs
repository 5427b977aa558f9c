namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>Why a command was refused. The gateway maps the kind to an HTTP status.</summary>
/// <param name="Field">The offending input field as a JSON path (variants[1].weight), when one is to blame.</param>
[GenerateSerializer, Immutable]
public sealed record CommandError(CommandErrorKind Kind, string Message, string? Field = null)
{
    public static CommandError Invalid(string field, string message) => new(CommandErrorKind.Validation, message, field);
    public static CommandError NotFound(string message) => new(CommandErrorKind.NotFound, message);

    /// <summary>Nothing has <paramref name="key"/>; <paramref name="what"/> names what was looked for (<c>experiment</c>, <c>metric</c>, …).</summary>
    public static CommandError UnknownKey(string what, string key) => NotFound($"No {what} has key '{Keys.Clip(key)}'.");
    public static CommandError Conflict(string message) => new(CommandErrorKind.Conflict, message);

    /// <summary>The caller's key may not do this; <paramref name="message"/> names the role or team required.</summary>
    public static CommandError Forbidden(string message) => new(CommandErrorKind.Forbidden, message);
}

/// <summary>
/// The classes of refusal: bad input (400), unknown key (404), refused by the current state (409), not allowed for
/// the caller's role or team (403).
/// </summary>
[GenerateSerializer]
public enum CommandErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
}
