using Experimentation.GrainInterfaces.Events;
using Experimentation.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// The Event Hubs transport is wired only when configured. No Event Hubs namespace is reachable here, so these tests
/// run the silo's registration without building or starting a host, and read what was registered.
/// </summary>
public sealed class EventHubsRegistrationTests
{
    private const string Postgres = "Host=127.0.0.1;Port=1;Username=nobody;Database=none";

    [Fact]
    public void WithoutConfigurationNoEventHubsProviderIsRegistered()
    {
        var services = Register(new Dictionary<string, string?>());

        Assert.DoesNotContain(services, IsEventHubsService);
        Assert.DoesNotContain(services, d => d.IsKeyedService && Equals(d.ServiceKey, IngestionStreams.ProviderName));
    }

    [Fact]
    public void ConfiguredEventHubsAreRegisteredUnderTheIngestionProvider()
    {
        var services = Register(new Dictionary<string, string?>
        {
            ["Experimentation:Ingestion:Streams"] = "eventhubs",
            ["Experimentation:Ingestion:EventHubs:ConnectionString"] = "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=a2V5",
            ["Experimentation:Ingestion:EventHubs:Name"] = "experiment-events",
        });

        Assert.Contains(services, IsEventHubsService);
        Assert.Contains(services, d => d.IsKeyedService && Equals(d.ServiceKey, IngestionStreams.ProviderName));
    }

    [Theory]
    [InlineData("ConnectionString")]
    [InlineData("Name")]
    public void AMissingEventHubsSettingStopsStartUpWithItsName(string missing)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Experimentation:Ingestion:Streams"] = "eventhubs",
            ["Experimentation:Ingestion:EventHubs:ConnectionString"] = "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=a2V5",
            ["Experimentation:Ingestion:EventHubs:Name"] = "experiment-events",
        };
        settings.Remove($"Experimentation:Ingestion:EventHubs:{missing}");

        var error = Assert.Throws<InvalidOperationException>(() => Register(settings));

        Assert.Contains($"EventHubs:{missing}", error.Message);
    }

    [Fact]
    public void AnUnknownTransportIsRefusedByName()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Register(new Dictionary<string, string?> { ["Experimentation:Ingestion:Streams"] = "kafka" }));

        Assert.Contains("'kafka'", error.Message);
    }

    private static List<ServiceDescriptor> Register(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddExperimentation(Postgres));
        return builder.Services.ToList();
    }

    // Configuring the provider registers its options (IConfigureOptions<EventHubOptions> and the like); merely
    // referencing the package registers only its serializer manifest, whose service type is not Event Hubs'.
    private static bool IsEventHubsService(ServiceDescriptor d) =>
        (d.ServiceType.FullName ?? "").Contains("EventHub", StringComparison.Ordinal);
}
