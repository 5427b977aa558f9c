using System.Net;
using System.Text;

namespace Experimentation.Tests.Outage;

/// <summary>
/// One request to one endpoint of the gateway, named by its route as the gateway maps it ("POST /api/experiments/"),
/// with the status it must get while PostgreSQL is down: 503, or, for an endpoint that needs no database, its usual answer.
/// </summary>
public sealed record EndpointCall(string Route, string Path, string? Body, HttpStatusCode DuringOutage, string Why = "needs the database")
{
    public string Method => Route[..Route.IndexOf(' ')];

    /// <summary>Sends it through the fixture's client, so the client's default headers (a key, once required) apply.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient http)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null) request.Content = new StringContent(Body, Encoding.UTF8, "application/json");
        // The config stream never ends: its status line and headers are the answer.
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
