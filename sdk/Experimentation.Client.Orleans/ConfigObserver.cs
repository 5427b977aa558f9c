using Experimentation.Assignment;
using Experimentation.Client.Config;
using Experimentation.GrainInterfaces.Config;

namespace Experimentation.Client.Orleans;

/// <summary>The observer the config grain calls with each new bundle; it hands the bundle to the cache.</summary>
internal sealed class ConfigObserver(ConfigSnapshotCache cache) : IConfigObserver
{
    public void ConfigChanged(ConfigBundle bundle) => cache.Apply(bundle);
}
