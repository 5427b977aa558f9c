using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// The binary form of a shard snapshot: only the facts (users with their exposures and events, mismatch counts, each
/// variant's asOf) and the sequence they cover. The sums are derived again on load, so the format does not change
/// when the statistics kept per variant do. A full snapshot and a delta share the format; a delta lists only the users
/// changed since the previous snapshot.
/// </summary>
public static class ShardSnapshotCodec
{
    private const byte FormatVersion = 1;

    /// <summary>Every user of the state: a full snapshot.</summary>
    public static byte[] Encode(ShardState state) => Encode(state, state.Users.Count, state.Users);

    /// <summary>A delta: only the users changed since the state last forgot its changes.</summary>
    public static byte[] EncodeChanges(ShardState state) =>
        Encode(state, state.ChangedUsers.Count, state.ChangedUsers.Select(id => KeyValuePair.Create(id, state.Users[id])));

    private static byte[] Encode(ShardState state, int count, IEnumerable<KeyValuePair<string, UserRecord>> users)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(FormatVersion);
            w.Write(state.LastSeq);
            w.Write(count);
            foreach (var (id, user) in users)
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
    public static SnapshotFacts Read(byte[] bytes)
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
        return new SnapshotFacts(lastSeq, users, mismatches, asOf);
    }

    /// <summary>
    /// A full snapshot's facts brought forward by the deltas after it, in sequence order: a user in a later delta
    /// replaces their earlier record, and the shard-wide facts are the last delta's.
    /// </summary>
    /// <remarks>
    /// Users keep the order of the live state: those of the full snapshot in its order, then the new ones in the order
    /// the deltas list them, which is the order the shard first saw them in. Rebuilding the sums in the same order
    /// gives the same sums as before the restart.
    /// </remarks>
    public static SnapshotFacts Merge(SnapshotFacts full, IReadOnlyList<SnapshotFacts> deltas)
    {
        if (deltas.Count == 0) return full;
        var users = new Dictionary<string, UserRecord>(full.Users.Count, StringComparer.Ordinal);
        foreach (var (id, user) in full.Users) users[id] = user;
        foreach (var delta in deltas)
            foreach (var (id, user) in delta.Users)
                users[id] = user;
        var last = deltas[^1];
        return new SnapshotFacts(last.LastSeq, users.Select(u => (u.Key, u.Value)).ToList(), last.Mismatches, last.AsOf);
    }

    /// <summary>Loads snapshot facts into an empty state whose plans are loaded.</summary>
    public static void Decode(ShardState state, SnapshotFacts facts) =>
        state.Restore(facts.LastSeq, facts.Users, facts.Mismatches, facts.AsOf);
}
