namespace Experimentation.GrainInterfaces.Events;

/// <summary>Why one event of a batch was refused: its index in the batch, the field, and the rule it broke.</summary>
[GenerateSerializer, Immutable]
public sealed record EventError([property: Id(0)] int Index, [property: Id(1)] string Field, [property: Id(2)] string Reason)
{
    /// <summary>The field's path within the batch, as the ProblemDetails lists it: <c>[3].eventId</c>.</summary>
    public string Path => $"[{Index}].{Field}";
}
