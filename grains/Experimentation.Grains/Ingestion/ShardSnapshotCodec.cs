using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// The binary form of a shard snapshot: only the facts (users with their exposures and events, mismatch counts, each
/// variant's asOf) and the sequence they cover. The sums are derived again on load, so the format does not change
/// when the statistics kept per variant do.
/// </summary>
public static class ShardSnapshotCodec
{
    private const byte FormatVersion = 1;

    public static byte[] Encode(ShardState state)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(FormatVersion);
            w.Write(state.LastSeq);
            w.Write(state.Users.Count);
            foreach (var (id, user) in state.Users)
            {
                w.Write(id);
                w.Write(user.Exposures.Count);
                foreach (var x in user.Exposures)
                {
                    w.Write(x.Experiment);
                    w.Write(x.Variant);
                    w.Write(x.FirstAtTicks);
                }
                w.Write(user.Events.Count);
                foreach (var e in user.Events)
                {
                    w.Write(e.EventType);
                    w.Write(e.AtTicks);
                    w.Write(e.Value);
                }
            }
            w.Write(state.Mismatches.Count);
            foreach (var (experiment, counts) in state.Mismatches)
            {
                w.Write(experiment);
                w.Write(counts.NotRunning);
                w.Write(counts.UnknownVariant);
                w.Write(counts.ConflictingVariant);
            }
            var asOf = state.Variants.Where(v => v.Value.AsOf is not null).ToArray();
            w.Write(asOf.Length);
            foreach (var ((experiment, variant), acc) in asOf)
            {
                w.Write(experiment);
                w.Write(variant);
                w.Write(acc.AsOf!.Value.UtcTicks);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Reads a snapshot's facts; their exposures name the experiments whose plans <see cref="Decode"/> needs.</summary>
    public static (long LastSeq, List<(string, UserRecord)> Users, List<(string, MismatchCounts)> Mismatches,
        List<(string, string, DateTimeOffset)> AsOf) Read(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        var format = r.ReadByte();
        if (format != FormatVersion) throw new InvalidDataException($"Unknown shard snapshot format {format}.");
        var lastSeq = r.ReadInt64();
        var userCount = r.ReadInt32();
        var users = new List<(string, UserRecord)>(userCount);
        for (var i = 0; i < userCount; i++)
        {
            var id = r.ReadString();
            var user = new UserRecord();
            var exposures = r.ReadInt32();
            for (var j = 0; j < exposures; j++) user.Exposures.Add(new UserExposure(r.ReadString(), r.ReadString(), r.ReadInt64()));
            var events = r.ReadInt32();
            user.Events.Capacity = events;
            for (var j = 0; j < events; j++) user.Events.Add(new UserMetricEvent(r.ReadString(), r.ReadInt64(), r.ReadDouble()));
            users.Add((id, user));
        }
        var mismatchCount = r.ReadInt32();
        var mismatches = new List<(string, MismatchCounts)>(mismatchCount);
        for (var i = 0; i < mismatchCount; i++)
            mismatches.Add((r.ReadString(), new MismatchCounts(r.ReadInt64(), r.ReadInt64(), r.ReadInt64())));
        var asOfCount = r.ReadInt32();
        var asOf = new List<(string, string, DateTimeOffset)>(asOfCount);
        for (var i = 0; i < asOfCount; i++)
            asOf.Add((r.ReadString(), r.ReadString(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero)));
        return (lastSeq, users, mismatches, asOf);
    }

    /// <summary>Loads a snapshot read by <see cref="Read"/> into an empty state whose plans are loaded.</summary>
    public static void Decode(ShardState state, (long LastSeq, List<(string, UserRecord)> Users, List<(string, MismatchCounts)> Mismatches,
        List<(string, string, DateTimeOffset)> AsOf) snapshot) =>
        state.Restore(snapshot.LastSeq, snapshot.Users, snapshot.Mismatches, snapshot.AsOf);
}
