using System.Net.Http.Headers;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// The installation admin key of every test platform, supplied as EXPERIMENTATION_ADMIN_KEY the way an operator would
/// (docs/security.md), so the fixtures' HttpClients can send it from the first request.
/// </summary>
public static class TestKeys
{
    public const string Admin = "exp_test-installation-admin-key-not-a-secret-0123456789";

    /// <summary>Sends <paramref name="key"/> (the admin key by default) as the bearer credential of every request of <paramref name="http"/>.</summary>
    public static HttpClient Authorize(this HttpClient http, string key = Admin)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
