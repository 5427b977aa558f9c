using System.Text;

namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>Which user shard owns a user: FNV-1a 32 of the UTF-8 user id, modulo the shard count.</summary>
/// <remarks>
/// The shard count is fixed for the life of a deployment's data (changing it would move users between shards, and a
/// shard's state is the fold of its own log). FNV-1a is used because it is tiny, stable across runtimes and spreads
/// short ids well enough for a few dozen shards.
/// </remarks>
public static class UserShards
{
    /// <summary>The default number of shards.</summary>
    public const int DefaultCount = 64;

    public static int Of(string userId, int shardCount)
    {
        Span<byte> buffer = userId.Length <= 256 ? stackalloc byte[1024] : new byte[Encoding.UTF8.GetMaxByteCount(userId.Length)];
        var length = Encoding.UTF8.GetBytes(userId, buffer);
        var hash = 2166136261u;
        foreach (var b in buffer[..length])
            hash = (hash ^ b) * 16777619u;
        return (int)(hash % (uint)shardCount);
    }
}
