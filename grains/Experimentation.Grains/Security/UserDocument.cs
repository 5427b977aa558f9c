using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Grains.Security;

/// <summary>A user as stored in Marten; deletion only marks it, so the audit trail keeps naming it.</summary>
public sealed record UserDocument
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Team { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }

    public UserView ToView() => new(Id, Name, Team, CreatedAt, DeletedAt);
}
