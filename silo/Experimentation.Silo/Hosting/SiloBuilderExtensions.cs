using Experimentation.Grains;
using Experimentation.Grains.Analysis;
using Experimentation.Grains.Ingestion;
using Experimentation.Grains.Scheduling;
using Experimentation.Grains.Webhooks;
using Experimentation.Silo.Persistence;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Experimentation.Silo.Hosting;

/// <summary>
/// Everything a silo of this product needs besides clustering, shared by the real host and the test cluster so tests
/// run the same wiring: Marten, ADO.NET grain storage and reminders on PostgreSQL, the schema set-up and activity
/// propagation.
/// </summary>
public static class SiloBuilderExtensions
{
    public static ISiloBuilder AddExperimentation(this ISiloBuilder silo, string postgres)
    {
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgres;
        });
        silo.AddActivityPropagation();
        AddDatabaseExceptionSerialization(silo.Services);
        silo.Services.AddMarten(o => MartenSetup.Configure(o, postgres)).UseLightweightSessions();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<LookStore>();
        AddScheduling(silo, postgres);
        AddIngestion(silo.Services, postgres);
        AddIngestionStreams(silo, postgres);
        AddWebhooks(silo.Services);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new DatabaseSchemaInitializer(postgres, sp.GetRequiredService<IDocumentStore>(),
                sp.GetRequiredService<IOptions<IngestionOptions>>().Value.Shards,
                sp.GetRequiredService<IConfiguration>()[$"{IngestionOptions.Section}:Shards"] is not null,
                sp.GetRequiredService<ILogger<DatabaseSchemaInitializer>>()));
        silo.Services.AddHostedService(sp =>
            new ConnectionPoolGuard(postgres, sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<RawEventStore>().DataSources,
                sp.GetRequiredService<ILogger<ConnectionPoolGuard>>()));
        return silo;
    }

    // Orleans serializes only exceptions of the Microsoft, System and Azure namespaces; any other reaches the caller as
    // a CodecNotFoundException that hides what happened. The database layers' exceptions cross with their type, message
    // and inner exceptions, so the gateway can tell an outage (503) from a bug (500) (Gateway/Problems/DependencyOutage.cs).
    private static void AddDatabaseExceptionSerialization(IServiceCollection services) =>
        services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o =>
        {
            foreach (var prefix in new[] { "Npgsql", "Marten", "JasperFx", "Weasel" }) o.SupportedNamespacePrefixes.Add(prefix);
        });

    // The stream transport exists only when configured. "memory" is for tests and demos: memory streams lose in-flight
    // events on a crash, so the acknowledged path stays POST /api/events (docs/ingestion.md). "eventhubs" is the
    // production transport; it needs a real Event Hubs namespace, so nothing registers it unless its settings are given.
    private static void AddIngestionStreams(ISiloBuilder silo, string postgres)
    {
        var transport = silo.Configuration[$"{IngestionOptions.Section}:Streams"];
        if (string.IsNullOrEmpty(transport)) return;
        var provider = Experimentation.GrainInterfaces.Events.IngestionStreams.ProviderName;
        if (string.Equals(transport, "memory", StringComparison.OrdinalIgnoreCase))
        {
            silo.AddMemoryStreams(provider);
            silo.AddMemoryGrainStorage("PubSubStore");
            return;
        }
        if (!string.Equals(transport, "eventhubs", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{IngestionOptions.Section}:Streams must be empty, 'memory' or 'eventhubs', not '{transport}'.");

        var settings = EventHubSettings.Read(silo.Configuration);
        silo.AddEventHubStreams(provider, eventHubs =>
        {
            eventHubs.ConfigureEventHub(o => o.Configure(options =>
                options.ConfigureEventHubConnection(settings.ConnectionString, settings.Name, settings.ConsumerGroup)));
            // Partition checkpoints go to grain storage, so they live in the same PostgreSQL as everything else.
            eventHubs.UseGrainCheckpointer();
        });
        silo.AddAdoNetGrainStorage("PubSubStore", o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgres;
        });
    }

    // Reminders carry the definitions' startDate and endDate (docs/automation.md, "Scheduling"); their table and queries
    // are the project's own (Sql/orleans-reminders.sql), applied before the reminder service reads them at start.
    private static void AddScheduling(ISiloBuilder silo, string postgres)
    {
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgres;
        });
        silo.Services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // A retry period under Orleans' one-minute minimum (tests) lowers the minimum to match.
        silo.Services.AddOptions<ReminderOptions>().Configure<IOptions<ScheduleOptions>>((reminders, schedule) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(reminders.MinimumReminderPeriod.Ticks, schedule.Value.RetryPeriod.Ticks)));
        silo.Services.AddSingleton<ScheduleReminders>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Experimentation.Grains.Experiments.ExperimentStartup>();
    }

    // The raw event log gets its own data source: its connections run the hot path and should not queue behind Marten's.
    private static void AddIngestion(IServiceCollection services, string postgres)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var log = new NpgsqlConnectionStringBuilder(postgres) { MaxPoolSize = sp.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxConnections };
            // Taking over a frozen shard owner's lease needs a second connection while the first waits; its own pool
            // keeps that possible when the log's pool is exhausted.
            var control = new NpgsqlConnectionStringBuilder(postgres) { MaxPoolSize = 4 };
            return new RawEventStore(NpgsqlDataSource.Create(log.ConnectionString), NpgsqlDataSource.Create(control.ConnectionString));
        });
        services.AddHostedService<RawEventRetention>();
    }

    // Delivery runs in every silo beside the grains (docs/automation.md). The secret key is read when the host starts,
    // so a bad key fails the start instead of the first delivery.
    private static void AddWebhooks(IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecretOptions>().BindConfiguration(SecretOptions.Section);
        services.AddSingleton(sp => new SecretProtector(SecretKey.Load(
            sp.GetRequiredService<IOptions<SecretOptions>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretKey)))));
        services.AddSingleton<IWebhookHostResolver, DnsHostResolver>();
        services.AddSingleton<WebhookUrlRule>();
        services.AddSingleton<WebhookSubscriptionValidator>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<AlertFanOut>();
        services.AddSingleton<DeliveryAttempts>();
        services.AddHostedService<WebhookDeliveryService>();
    }
}
