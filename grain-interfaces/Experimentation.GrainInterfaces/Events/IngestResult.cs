namespace Experimentation.GrainInterfaces.Events;

/// <summary>
/// The answer to a batch. When <see cref="Errors"/> is empty every event is durable: <see cref="Accepted"/> were new,
/// <see cref="Duplicates"/> had been stored before (or repeat an id within the batch). Otherwise nothing was stored.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IngestResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] EventError[] Errors)
{
    public bool IsRefused => Errors.Length > 0;

    public static IngestResult Refused(EventError[] errors) => new(0, 0, errors);
}
