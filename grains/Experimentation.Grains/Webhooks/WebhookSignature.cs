using System.Security.Cryptography;
using System.Text;

namespace Experimentation.Grains.Webhooks;

/// <summary>
/// The <c>X-Experimentation-Signature</c> header: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the raw body
/// keyed with the webhook's secret (UTF-8), the scheme of GitHub's <c>X-Hub-Signature-256</c>.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
