using System.Text.Json;
using System.Text.Json.Serialization;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Grains.Alerts;
using Experimentation.Grains.Analysis;
using Experimentation.Grains.Experiments;
using Experimentation.Grains.Namespaces;
using Experimentation.Grains.Security;
using Experimentation.Grains.Webhooks;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;

namespace Experimentation.Grains;

/// <summary>The grains' Marten mapping: event store, inline experiment snapshots and registry documents.</summary>
public static class MartenSetup
{
    public const string Schema = "experimentation";

    public static void Configure(StoreOptions options, string connectionString)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = Schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // Stored events read like the API: camelCase fields, snake_case enum values (higher_better).
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            json => json.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        options.Events.StreamIdentity = StreamIdentity.AsString;
        // Headers carry each event's actor (system:guardrail for automation), as metadata rather than a field of every event.
        options.Events.MetadataConfig.HeadersEnabled = true;

        // The list endpoint reads these documents; the grain folds the same Apply methods itself.
        options.Projections.Snapshot<Experiment>(SnapshotLifecycle.Inline);
        options.Schema.For<Experiment>().Index(x => x.Status);
        options.Schema.For<MetricDefinition>().Identity(x => x.Key);
        options.Schema.For<NamespaceDocument>();
        // Identity: keys are loaded by id (derived from their hash) and listed by team; users by team.
        options.Schema.For<TeamDocument>();
        options.Schema.For<UserDocument>().Duplicate(x => x.Team!);
        options.Schema.For<ApiKeyDocument>().Duplicate(x => x.Team!).Duplicate(x => x.User);
        // Looks are read by experiment, newest first, or as of a time.
        // The outbox is read by delivery, oldest undispatched first.
        options.Schema.For<PendingAlert>().Duplicate(x => x.Dispatched).Duplicate(x => x.RaisedAt);
        // Deliveries are read by webhook (the log), and by status and due time (the senders).
        options.Schema.For<WebhookDocument>();
        options.Schema.For<Delivery>().Duplicate(x => x.WebhookId).Duplicate(x => x.Status).Duplicate(x => x.NextAttemptAt);
        options.Schema.For<AnalysisLook>().Duplicate(x => x.Experiment).Duplicate(x => x.Look).Duplicate(x => x.TakenAt);
    }
}
