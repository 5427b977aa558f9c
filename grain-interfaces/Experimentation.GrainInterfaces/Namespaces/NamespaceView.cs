namespace Experimentation.GrainInterfaces.Namespaces;

/// <summary>A namespace (layer): its slot count, its salt and which running experiments own which slots.</summary>
[GenerateSerializer, Immutable]
public sealed record NamespaceView(string Key, int TotalSlots, string Salt, SlotRange[] Allocations, DateTimeOffset CreatedAt)
{
    public int FreeSlots => TotalSlots - Allocations.Sum(a => a.Count);
}
