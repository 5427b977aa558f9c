using System.Net;
using System.Net.Sockets;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// The addresses no webhook may reach: link-local networks and the cloud instance-metadata endpoints, which hand out
/// credentials to whoever asks from inside the host. Loopback and private networks stay allowed, for receivers on
/// the same host or network.
/// </summary>
public static class BlockedAddresses
{
    /// <summary>Metadata services by name (GCP); names are compared without case or a trailing dot.</summary>
    private static readonly HashSet<string> MetadataHosts = new(StringComparer.OrdinalIgnoreCase) { "metadata.google.internal" };

    // AWS, Azure, GCP, OCI and DigitalOcean use 169.254.169.254; AWS also fd00:ec2::254 (IPv6); Alibaba 100.100.100.200.
    private static readonly IPAddress[] MetadataAddresses =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    // NAT64's well-known prefix carries an IPv4 address in its last 32 bits, and a NAT64 gateway would route it there.
    private static readonly byte[] Nat64Prefix = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Why a host name is refused before any lookup, or null.</summary>
    public static string? WhyHost(string host) =>
        MetadataHosts.Contains(host.TrimEnd('.')) ? $"'{host}' is a cloud metadata host" : null;

    /// <summary>Why an address is refused, or null when a webhook may reach it.</summary>
    public static string? Why(IPAddress address)
    {
        var ip = Embedded(address);
        if (MetadataAddresses.Any(m => m.Equals(ip))) return $"{ip} is a cloud metadata address";
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = ip.GetAddressBytes();
            return bytes[0] == 169 && bytes[1] == 254 ? $"{ip} is a link-local address (169.254.0.0/16)" : null;
        }
        return ip.IsIPv6LinkLocal ? $"{ip} is a link-local address (fe80::/10)" : null;
    }

    // The IPv4 address an IPv6 one stands for (IPv4-mapped ::ffff:a.b.c.d, or NAT64 64:ff9b::a.b.c.d), else itself.
    private static IPAddress Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        return bytes.AsSpan(0, 12).SequenceEqual(Nat64Prefix) ? new IPAddress(bytes.AsSpan(12)) : new IPAddress(bytes);
    }
}
