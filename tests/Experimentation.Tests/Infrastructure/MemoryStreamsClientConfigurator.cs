using Experimentation.GrainInterfaces.Events;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Experimentation.Tests.Infrastructure;

/// <summary>Lets the test cluster's client publish to the ingestion streams the test silos subscribe to.</summary>
public sealed class MemoryStreamsClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddMemoryStreams(IngestionStreams.ProviderName);
}
