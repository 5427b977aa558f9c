using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Unicode;

namespace Experimentation.Assignment;

/// <summary>
/// A user id encoded once as UTF-8 at a fixed offset of a stack buffer. Each salted hash writes its salt prefix
/// just before the id and hashes the contiguous bytes, so several hashes of one user cost one encoding.
/// </summary>
internal readonly ref struct SaltedUserKey
{
    public const int PrefixCapacity = AssignmentLimits.MaxSaltUtf8Bytes + 1;
    public const int BufferSize = PrefixCapacity + AssignmentLimits.MaxUserIdUtf8Bytes;

    private readonly Span<byte> _buffer;
    private readonly int _userLength;

    private SaltedUserKey(Span<byte> buffer, int userLength)
    {
        _buffer = buffer;
        _userLength = userLength;
    }

    /// <summary>
    /// False for an empty id, one over <see cref="AssignmentLimits.MaxUserIdUtf8Bytes"/> (the destination is
    /// exactly that long, so UTF-8 conversion stops with DestinationTooSmall), or invalid UTF-16 such as a lone
    /// surrogate: replacing it with U+FFFD would silently merge distinct ids.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<char> userId, Span<byte> buffer, out SaltedUserKey key)
    {
        Debug.Assert(buffer.Length == BufferSize);
        key = default;
        if (userId.IsEmpty)
            return false;
        var destination = buffer[PrefixCapacity..];
        // ASCII ids (the common case: numbers, UUIDs, emails) take the vectorised narrowing path, about half the
        // cost of the general transcoder; ASCII is UTF-8, so the bytes are the same.
        var status = Ascii.FromUtf16(userId, destination, out int written);
        if (status == OperationStatus.InvalidData)
            status = Utf8.FromUtf16(userId, destination, out _, out written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
            return false;
        key = new SaltedUserKey(buffer, written);
        return true;
    }

    public ulong Hash(ReadOnlySpan<byte> saltPrefix)
    {
        int start = PrefixCapacity - saltPrefix.Length;
        saltPrefix.CopyTo(_buffer[start..]);
        return AssignmentHash.RawHash(_buffer.Slice(start, saltPrefix.Length + _userLength));
    }
}
