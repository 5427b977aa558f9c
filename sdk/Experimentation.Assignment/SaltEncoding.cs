using System.Buffers;
using System.Text.Unicode;

namespace Experimentation.Assignment;

/// <summary>The UTF-8 bytes of <c>salt ‖ ':'</c>, computed once per snapshot so the hot path only copies them.</summary>
internal static class SaltEncoding
{
    public static bool TryWritePrefix(ReadOnlySpan<char> salt, Span<byte> destination, out int written)
    {
        written = 0;
        if (salt.IsEmpty || destination.Length < 2)
            return false;
        var status = Utf8.FromUtf16(salt, destination[..^1], out _, out int saltBytes, replaceInvalidSequences: false);
        if (status != OperationStatus.Done || saltBytes > AssignmentLimits.MaxSaltUtf8Bytes)
            return false;
        destination[saltBytes] = AssignmentHash.Separator;
        written = saltBytes + 1;
        return true;
    }

    /// <summary>For snapshot compilation only; the salt was validated before.</summary>
    public static byte[] CreatePrefix(string salt)
    {
        Span<byte> buffer = stackalloc byte[SaltedUserKey.PrefixCapacity];
        if (!TryWritePrefix(salt, buffer, out int written))
            throw new ArgumentException($"Salt '{salt}' is empty, invalid UTF-16 or longer than {AssignmentLimits.MaxSaltUtf8Bytes} UTF-8 bytes.", nameof(salt));
        return buffer[..written].ToArray();
    }
}
