using System.IO.Hashing;

namespace Experimentation.Assignment;

/// <summary>
/// The hash and range reduction every assignment decision is made of. This is the cross-language contract
/// (docs/assignment.md, pinned by docs/assignment-vectors.json):
/// <list type="number">
/// <item><c>h = XXH3_64bits(UTF-8(salt) ‖ ':' ‖ UTF-8(userId), seed 0)</c> as an unsigned 64-bit integer.</item>
/// <item><c>bucket = (h · n) >> 64</c>, the high word of the 128-bit product (Lemire's multiply-shift).</item>
/// <item>A second, independent draw from the same hash uses the low word: <c>rest = (h · n) mod 2^64</c>.</item>
/// </list>
/// </summary>
/// <remarks>
/// Multiply-shift instead of <c>h mod n</c>: it costs one multiplication instead of a 64-bit division, and its
/// low word is the unused fraction of <c>h / 2^64</c>, which gives a second uniform draw for free (traffic
/// bucket, then variant bucket, from one hash). Each bucket receives either ⌊2^64/n⌋ or ⌈2^64/n⌉ hash values,
/// so the relative bias is below n / 2^64 (under 10^-15 for n ≤ 10,000): the same bound as <c>mod</c>,
/// and far below anything a χ² test on any realistic population can see.
/// </remarks>
public static class AssignmentHash
{
    /// <summary>The separator between salt and user id, part of the hashed bytes.</summary>
    public const byte Separator = (byte)':';

    /// <summary>
    /// Hashes (salt, userId) as described on the type. False, with no exception, when the user id is empty,
    /// too long or not valid UTF-16, or when the salt is longer than <see cref="AssignmentLimits.MaxSaltUtf8Bytes"/>.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public static bool TryHash(ReadOnlySpan<char> salt, ReadOnlySpan<char> userId, out ulong hash)
    {
        hash = 0;
        Span<byte> prefix = stackalloc byte[SaltedUserKey.PrefixCapacity];
        if (!SaltEncoding.TryWritePrefix(salt, prefix, out int prefixLength))
            return false;
        Span<byte> buffer = stackalloc byte[SaltedUserKey.BufferSize];
        if (!SaltedUserKey.TryCreate(userId, buffer, out var key))
            return false;
        hash = key.Hash(prefix[..prefixLength]);
        return true;
    }

    /// <summary>Maps a hash uniformly onto [0, <paramref name="range"/>): <c>(hash · range) >> 64</c>.</summary>
    public static int Reduce(ulong hash, int range) => (int)Math.BigMul(hash, (ulong)range, out _);

    /// <summary>
    /// As <see cref="Reduce(ulong, int)"/>, and returns in <paramref name="rest"/> the low 64 bits of the product,
    /// which are uniform and independent of the bucket, for a second draw.
    /// </summary>
    public static int Reduce(ulong hash, int range, out ulong rest) => (int)Math.BigMul(hash, (ulong)range, out rest);

    internal static ulong RawHash(ReadOnlySpan<byte> bytes) => XxHash3.HashToUInt64(bytes);
}
