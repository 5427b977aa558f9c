using System.Security.Cryptography;
using System.Text;

namespace Experimentation.GrainInterfaces.Security;

/// <summary>
/// The one-way form in which a key travels past the gateway and is stored: SHA-256 of its UTF-8 bytes. The key id is
/// the hash's first 16 hex digits, so a presented key finds its record without a search, and the stored hash is then
/// compared in constant time.
/// </summary>
public static class KeyHash
{
    /// <summary>Characters of the id taken from the hash (64 bits: collisions are negligible for any number of keys).</summary>
    public const int IdLength = 16;

    /// <summary>Bytes of randomness in a generated key (256 bits).</summary>
    public const int SecretBytes = 32;

    /// <summary>The prefix of generated keys, so a key found in a file or a paste is recognisable (and scannable).</summary>
    public const string Prefix = "exp_";

    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string IdOf(byte[] hash) => Convert.ToHexStringLower(hash)[..IdLength];

    /// <summary>A new key: the prefix and 256 random bits, base64url without padding (47 characters).</summary>
    public static string NewKey() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Constant-time equality of two hashes, so the time taken says nothing about how much of a guess was right.</summary>
    public static bool Matches(byte[] presented, byte[] stored) => CryptographicOperations.FixedTimeEquals(presented, stored);
}
