using System.Diagnostics;
using System.Net;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// Waits until a host process started by a test answers /health with 200: fails at once when the process exits, and
/// after 90 s with what the host last answered and printed.
/// </summary>
public static class HealthProbe
{
    public static async Task UntilHealthyAsync(string what, Uri baseAddress, Process process, Func<string> recentOutput,
        TimeSpan requestTimeout, TimeSpan interval)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = requestTimeout };
        await Eventually.Until<HttpStatusCode?>($"the {what} at {baseAddress} to answer /health", async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The {what} exited with {process.ExitCode}:\n{recentOutput()}");
            try
            {
                using var response = await http.GetAsync("/health");
                return response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return null; // not listening yet
            }
        }, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(90), interval,
            status => $"{status?.ToString() ?? "no answer"}; its output:\n{recentOutput()}");
    }
}
