using System.Text.Json;
using Experimentation.Statistics.Reports;
using Marten;

namespace Experimentation.Grains.Alerts;

/// <summary>Writes alerts into the outbox of a Marten session that is about to commit what raised them.</summary>
public static class AlertOutbox
{
    /// <summary>
    /// Adds an alert to <paramref name="session"/>; it commits, or not, with the session's other changes. The body is
    /// <c>{"id", "event", "experiment", "raisedAt", "data"}</c>, camelCase like the API.
    /// </summary>
    public static PendingAlert Enqueue(IDocumentSession session, string @event, string experiment, object data, DateTimeOffset at)
    {
        var id = Guid.NewGuid();
        var alert = new PendingAlert
        {
            Id = id,
            Event = @event,
            Experiment = experiment,
            RaisedAt = at,
            Payload = JsonSerializer.Serialize(new { id, @event, experiment, raisedAt = at, data }, ReportJson.Options),
        };
        session.Store(alert);
        return alert;
    }
}
