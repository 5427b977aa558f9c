using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Grains.Security;

/// <summary>A team as stored in Marten.</summary>
public sealed record TeamDocument
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    public TeamView ToView() => new(Id, Name, CreatedAt);
}
