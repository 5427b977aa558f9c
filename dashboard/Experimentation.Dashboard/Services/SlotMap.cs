using Experimentation.GrainInterfaces.Namespaces;

namespace Experimentation.Dashboard.Services;

/// <summary>
/// A namespace's slots as consecutive segments, each held by one experiment or free, and what a new claim would get:
/// claims are contiguous and take the lowest free run that fits (the namespace grain's first fit).
/// </summary>
public static class SlotMap
{
    /// <summary>[Start, End) held by <paramref name="Experiment"/>, or free when it is null.</summary>
    public sealed record Segment(int Start, int End, string? Experiment)
    {
        public int Count => End - Start;
    }

    public static IReadOnlyList<Segment> Segments(int totalSlots, IEnumerable<SlotRange> allocations)
    {
        var segments = new List<Segment>();
        var at = 0;
        foreach (var a in allocations.OrderBy(a => a.Start))
        {
            if (a.Start > at) segments.Add(new Segment(at, a.Start, null));
            segments.Add(new Segment(a.Start, a.End, a.ExperimentKey));
            at = Math.Max(at, a.End);
        }
        if (at < totalSlots) segments.Add(new Segment(at, totalSlots, null));
        return segments;
    }

    public static IEnumerable<Segment> Free(IReadOnlyList<Segment> segments) => segments.Where(s => s.Experiment is null);

    /// <summary>Where a claim of <paramref name="slots"/> would land, or null when no free run is long enough (a collision).</summary>
    public static Segment? Preview(IReadOnlyList<Segment> segments, string experiment, int slots) =>
        Free(segments).FirstOrDefault(s => s.Count >= slots) is { } run ? new Segment(run.Start, run.Start + slots, experiment) : null;

    /// <summary>The map with a claim placed into it, for the wizard's preview.</summary>
    public static IReadOnlyList<Segment> With(IReadOnlyList<Segment> segments, Segment claim) =>
        segments.SelectMany(s => s.Experiment is null && s.Start <= claim.Start && claim.End <= s.End
            ? new[] { new Segment(s.Start, claim.Start, null), claim, new Segment(claim.End, s.End, null) }.Where(x => x.Count > 0)
            : [s]).ToArray();
}
