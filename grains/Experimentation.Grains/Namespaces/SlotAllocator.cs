using Experimentation.GrainInterfaces.Namespaces;

namespace Experimentation.Grains.Namespaces;

/// <summary>First-fit allocation of contiguous slot ranges: ranges never overlap, so experiments in a layer never share users.</summary>
public static class SlotAllocator
{
    /// <summary>The lowest free run of <paramref name="slots"/> slots, or null when no such run exists.</summary>
    public static SlotRange? FirstFit(IEnumerable<SlotRange> taken, int totalSlots, string experimentKey, int slots)
    {
        var start = 0;
        foreach (var range in taken.OrderBy(r => r.Start))
        {
            if (range.Start - start >= slots) return new SlotRange(experimentKey, start, start + slots);
            start = Math.Max(start, range.End);
        }
        return totalSlots - start >= slots ? new SlotRange(experimentKey, start, start + slots) : null;
    }
}
