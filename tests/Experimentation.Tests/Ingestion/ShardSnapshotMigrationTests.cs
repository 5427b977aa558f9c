using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Grains.Ingestion;
using static Experimentation.Tests.Ingestion.ShardLog;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// Snapshots hold facts (users, their exposures and events, mismatch counts), and the sums are derived on load, so a
/// snapshot written before shifted sums existed loads into them without any migration step.
/// </summary>
public sealed class ShardSnapshotMigrationTests
{
    private const string Legacy = "legacy";

    /// <summary>
    /// Written by ShardSnapshotCodec format 1 as it was at commit a17632c (raw Σx and Σx² per day of exposure), from
    /// <see cref="LegacyLog"/> folded with the five metrics of <see cref="ShardLog.Metrics"/>.
    /// </summary>
    private const string SnapshotBeforeShiftedSums =
        "ARAAAAAAAAAABgAAAAFhAQAAAAZsZWdhY3kHY29udHJvbACAkAJUWN0IAwAAAAhwdXJjaGFzZQDoVGRcWN0IAAAAgICELkEFY2xpY2sAUBnGZFjdCAAAAAAAAPA/CHB1cmNoYXNlAMDNga9a3QgAAAAAf4QuQQFiAQAAAAZsZWdhY3kHY29udHJvbADGUyZUWN0IAAAAAAFjAQAAAAZsZWdhY3kHY29udHJvbADeYLVUWN0IAgAAAAhwdXJjaGFzZQC0cjNYWN0IAAAAgH+ELkEFY2xpY2sAgDeseFvdCAAAAAAAAAhAAWQBAAAABmxlZ2FjeQVncmVlbgCAkAJUWN0IAgAAAAhwdXJjaGFzZQAYzKBLWN0IAAAAAAAAFEAIcHVyY2hhc2UAQPosHVndCAAAAECAhC5BAWUBAAAABmxlZ2FjeQVncmVlbgAMF0pUWN0IAQAAAAhwdXJjaGFzZQC43SdtWN0IAAAAwH+ELkEBZgEAAAAGbGVnYWN5BWdyZWVuAFLabVRY3QgAAAAAAQAAAAZsZWdhY3kBAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAACAAAABmxlZ2FjeQdjb250cm9sAIA3rHhb3QgGbGVnYWN5BWdyZWVuAED6LB1Z3Qg=";

    /// <summary>
    /// a: control, two purchases near 1e6 (at 1 h and 3 days) and a click; b: control, nothing; c: control, a purchase
    /// that arrives before its exposure and a click at 4 days; d: green, a purchase before exposure (not counted) and
    /// one at 1 day; e: green, then a conflicting later exposure to control; f: green, nothing; g: not running.
    /// </summary>
    private static RawEvent[] LegacyLog() =>
    [
        Exposure("a", "control", T0, Legacy), Purchase("a", 1_000_000.25, T0.AddHours(1)), Event("a", "click", 1, T0.AddHours(2)),
        Purchase("a", 999_999.5, T0.AddDays(3)),
        Exposure("b", "control", T0.AddMinutes(1), Legacy),
        Purchase("c", 999_999.75, T0.AddMinutes(30)), Exposure("c", "control", T0.AddMinutes(5), Legacy), Event("c", "click", 3, T0.AddDays(4)),
        Purchase("d", 5, T0.AddHours(-1)), Exposure("d", "green", T0, Legacy), Purchase("d", 1_000_000.125, T0.AddDays(1)),
        Exposure("e", "green", T0.AddMinutes(2), Legacy), Purchase("e", 999_999.875, T0.AddHours(3)), Exposure("e", "control", T0.AddMinutes(9), Legacy),
        Exposure("f", "green", T0.AddMinutes(3), Legacy),
        new RawEvent(Guid.NewGuid(), 0, RawEventKind.ExposureNotRunning, "g", T0, Legacy, "control", null, null, T0),
    ];

    [Fact]
    public void ASnapshotWrittenBeforeShiftedSumsLoadsIntoTheSameSumsAsFoldingItsLog()
    {
        var plans = Plans(earlyDays: 2, Legacy);
        var restored = new ShardState(plans);

        ShardSnapshotCodec.Decode(restored, ShardSnapshotCodec.Read(Convert.FromBase64String(SnapshotBeforeShiftedSums)));

        var folded = Fold(plans, LegacyLog());
        AssertSameNumbers(NumbersOf(folded, Legacy, "control", "green"), NumbersOf(restored, Legacy, "control", "green"));
        Assert.Equal(new MismatchCounts(1, 0, 1), restored.Mismatches[Legacy]);
        Assert.Equal(16, restored.LastSeq);
        Assert.Equal(folded.PartialOf(Legacy, "control").AsOf, restored.PartialOf(Legacy, "control").AsOf);

        // Literal values: control has a (1,999,999.75), b (0) and c (999,999.75); green d (1,000,000.125), e and f.
        var control = restored.PartialOf(Legacy, "control").Metrics.ToDictionary(m => m.MetricKey);
        Assert.Equal((3L, 1L, 2_999_999.5), (control[Revenue].Sums.Count, control[Revenue].Sums.Values.Zeros, control[Revenue].Sums.Values.TotalX));
        Assert.InRange(MeanOf(control[Revenue].Sums.Values).Mean, 2_999_999.5 / 3 - 1e-9, 2_999_999.5 / 3 + 1e-9);
        Assert.Equal((3L, 3.0), (control[Basket].Sums.Count, control[Basket].Sums.Values.TotalY));
        Assert.Equal((2_999_999.5, 4.0), (control[PerClick].Sums.Values.TotalX, control[PerClick].Sums.Values.TotalY));
        // E = 2 days: a's purchase at 3 days is late, c's at 30 min early.
        Assert.Equal((2_000_000.0, 999_999.5), (control[Revenue].Novelty.TotalX, control[Revenue].Novelty.TotalY));
        var green = restored.PartialOf(Legacy, "green").Metrics.ToDictionary(m => m.MetricKey);
        Assert.Equal((3L, 2_000_000.0, 2L), (green[Revenue].Sums.Count, green[Revenue].Sums.Values.TotalX, green[Converted].Sums.Conversions));
    }
}
