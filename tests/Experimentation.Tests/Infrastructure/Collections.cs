using Experimentation.Tests.Persistence;

namespace Experimentation.Tests.Infrastructure;

// Every shared fixture and who shares it. Tests outside these (KillRecoveryTests, OrleansSchemaTests) create and
// drop their own database, or kill their own process, and take no fixture.

/// <summary>
/// Most tests share one platform: each uses its own experiment keys, so they need no isolation, and the tests of a
/// collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

/// <summary>Tests that restart the platform, away from the tests that share <see cref="PlatformCollection"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RestartCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform restarts";
}

/// <summary>Tests of the real host process and of services that connect to its gateway.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host process";
}

/// <summary>Tests of Orleans' ADO.NET grain storage on PostgreSQL, on a cluster that has only that storage.</summary>
[CollectionDefinition(Name)]
public sealed class OrleansStorageCollection : ICollectionFixture<OrleansPostgresFixture>
{
    public const string Name = "orleans storage";
}

/// <summary>Tests that make their platform's database refuse connections, away from every other test.</summary>
[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "database outages";
}

/// <summary>Webhook tests: a platform with short delivery timings, and a receiver the tests share by path.</summary>
[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<Webhooks.WebhookFixture>
{
    public const string Name = "webhooks";
}

/// <summary>
/// Review tests, on a platform of their own: they turn the installation's review setting on, which would refuse the
/// starts of every other collection's drafts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReviewCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "review";
}
