using System.Text.Encodings.Web;
using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Experimentation.Gateway.Security;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;key&gt;</c>, hashes the key and asks <see cref="VerifiedKeys"/> whose it is. The key
/// is never logged, echoed or passed on: only its SHA-256 leaves this method. Why a request failed is kept for the
/// 401's detail (<see cref="AuthProblems"/>), in words that reveal nothing about which keys exist.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, VerifiedKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The longest key read at all; longer values are refused without hashing (a generated key has 47 characters).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>The HttpContext item holding why authentication failed, for the 401.</summary>
    public const string FailureItem = "exp:auth-failure";

    /// <summary>The HttpContext item set when the key could not be checked at all, for a 503 instead of a 401.</summary>
    public const string UnavailableItem = "exp:auth-unavailable";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0) return Fail("No key was sent: send Authorization: Bearer <key>.");
        if (headers.Count > 1) return Fail("Send one Authorization header.");
        var key = ParseBearer(headers[0]);
        if (key is null) return Fail("The Authorization header must be 'Bearer <key>'.");
        Caller? caller;
        try
        {
            caller = await keys.VerifyAsync(KeyHash.Of(key));
        }
        catch (KeyStoreUnavailableException ex)
        {
            Logger.LogWarning(ex.InnerException, "A key could not be checked: the key store is unavailable");
            Context.Items[UnavailableItem] = true;
            return AuthenticateResult.Fail("The key store is unavailable.");
        }
        if (caller is null) return Fail("The key is not valid: unknown, expired or revoked, or its user was deleted.");
        return AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.ToPrincipal(caller, SchemeName), SchemeName));
    }

    /// <summary>
    /// The key of a Bearer credential (RFC 6750 §2.1), or null. The scheme name is case-insensitive (RFC 9110 §11.1),
    /// one space separates it from the key, and the key is token68 characters only, so stray spaces are refused.
    /// </summary>
    public static string? ParseBearer(string? value)
    {
        const string scheme = SchemeName + " ";
        if (value is null || value.Length <= scheme.Length || value.Length > scheme.Length + MaxKeyLength) return null;
        if (!value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var key = value[scheme.Length..];
        return key.All(IsToken68) ? key : null;
    }

    private static bool IsToken68(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/' or '=';

    private AuthenticateResult Fail(string why)
    {
        Context.Items[FailureItem] = why;
        return AuthenticateResult.Fail(why);
    }
}
