namespace Experimentation.GrainInterfaces.Audit;

/// <summary>Which changes to list, newest first; every filter is optional.</summary>
/// <param name="Team">Changes to things this team owns, or made by its keys.</param>
/// <param name="Actor">Changes made by this user, key id or system:&lt;component&gt;.</param>
/// <param name="Since">Changes at or after this instant.</param>
/// <param name="Before">The cursor of the previous page: only changes older than this sequence number.</param>
/// <param name="Limit">Entries per page, 1 to <see cref="MaxLimit"/>.</param>
[GenerateSerializer, Immutable]
public sealed record AuditQuery(string? Team, string? Actor, DateTimeOffset? Since, long? Before, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}
