namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// Most tests share one platform: each uses its own experiment keys, so they need no isolation, and the tests of a
/// collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

/// <summary>Tests of the real host process and of services that connect to its gateway.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host process";
}
