using System.Security.Cryptography;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// Delivery ids are name-based UUIDs (version 5, RFC 9562 §5.5) of the alert and the webhook, so the same pair always
/// gets the same id: a fan-out repeated after a crash, or by a second sender, finds the delivery already there.
/// </summary>
public static class DeliveryIds
{
    /// <summary>The namespace of delivery ids; fixed forever, since ids already handed to receivers derive from it.</summary>
    public static readonly Guid Namespace = new("5b0e1a52-6f4c-4d8e-9a3b-2c7d1e0f4a66");

    /// <summary>UUIDv5 of the name <c>alert bytes ‖ webhook bytes</c>, every UUID in network (big-endian) order.</summary>
    public static Guid For(Guid alert, Guid webhook)
    {
        Span<byte> input = stackalloc byte[48];
        Namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        alert.TryWriteBytes(input[16..32], bigEndian: true, out _);
        webhook.TryWriteBytes(input[32..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
