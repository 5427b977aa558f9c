using Experimentation.GrainInterfaces.Namespaces;

namespace Experimentation.Grains.Namespaces;

/// <summary>A namespace as stored in Marten; its grain is the only writer.</summary>
public sealed record NamespaceDocument
{
    public string Id { get; init; } = "";
    public int TotalSlots { get; init; }
    public string Salt { get; init; } = "";
    public SlotRange[] Allocations { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }

    public NamespaceView ToView() => new(Id, TotalSlots, Salt, Allocations, CreatedAt);
}
