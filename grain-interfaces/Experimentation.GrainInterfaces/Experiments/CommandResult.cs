namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>The outcome of a command: the new state when accepted, the reason when refused.</summary>
[GenerateSerializer, Immutable]
public sealed record CommandResult<T>(T? Value, CommandError? Error)
{
    public bool Accepted => Error is null;

    public static CommandResult<T> Ok(T value) => new(value, null);
    public static CommandResult<T> Refused(CommandError error) => new(default, error);
}
