using Experimentation.Assignment;

namespace Experimentation.GrainInterfaces.Config;

/// <summary>Receives every new version of the config bundle (embedded clients and the gateway's SSE feed).</summary>
public interface IConfigObserver : IGrainObserver
{
    void ConfigChanged(ConfigBundle bundle);
}
