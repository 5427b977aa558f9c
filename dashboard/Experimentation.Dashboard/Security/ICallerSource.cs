using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Dashboard.Security;

/// <summary>Who the viewer of this circuit is, for the grains: null while the dashboard runs without sign-in.</summary>
public interface ICallerSource
{
    Task<Caller?> CurrentAsync();
}
