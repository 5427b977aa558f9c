namespace Experimentation.GrainInterfaces.Namespaces;

/// <summary>A contiguous run of a namespace's slots, [Start, End), owned by one experiment.</summary>
[GenerateSerializer, Immutable]
public sealed record SlotRange(string ExperimentKey, int Start, int End)
{
    public int Count => End - Start;

    public bool Overlaps(int start, int end) => start < End && Start < end;
}
