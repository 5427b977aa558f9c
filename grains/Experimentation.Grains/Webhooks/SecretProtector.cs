using System.Security.Cryptography;
using System.Text;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// Encrypts webhook secrets at rest with AES-256-GCM. They sign deliveries (HMAC needs the secret itself), so they
/// cannot be hashed. The webhook id is the associated data: a ciphertext copied onto another webhook does not decrypt.
/// </summary>
public sealed class SecretProtector(byte[] key)
{
    private const string Prefix = "v1:";
    private const int NonceBytes = 12, TagBytes = 16;

    /// <summary><c>v1:</c> and base64 of nonce, ciphertext and tag.</summary>
    public string Protect(string secret, Guid owner)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), owner.ToByteArray());
        CryptographicOperations.ZeroMemory(plain);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">Another key encrypted it, or it was altered or belongs to another webhook.</exception>
    public string Unprotect(string stored, Guid owner)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) throw new CryptographicException("Unknown secret format.");
        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        if (sealedBytes.Length < NonceBytes + TagBytes) throw new CryptographicException("The stored secret is truncated.");
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain, owner.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
