using Experimentation.GrainInterfaces.Security;
using Marten;

namespace Experimentation.Grains.Audit;

/// <summary>
/// Who caused the events of a session, written to Marten's event headers (metadata, not fields of every event):
/// the user, key id and team of <see cref="CallerContext.Current"/>, or system:&lt;component&gt; for automation.
/// </summary>
public static class Actors
{
    /// <summary>Header: the user, or system:&lt;component&gt;.</summary>
    public const string Actor = "actor";

    /// <summary>Header: the id of the key that made the call (never the secret).</summary>
    public const string Key = "actorKey";

    /// <summary>Header: the team the key acts for; absent for the installation admin and automation.</summary>
    public const string Team = "actorTeam";

    /// <summary>Header: the team that owns the changed thing (an experiment's or metric's owner team), for the audit's team filter.</summary>
    public const string OwnerTeam = "ownerTeam";

    /// <summary>The actor of a trusted in-cluster call that carried no key (an embedded client, an operator's script).</summary>
    public const string Cluster = "system:cluster";

    /// <summary>Stamps the session's events with their actor: <paramref name="system"/> when automation acts, else the caller.</summary>
    public static void Stamp(IDocumentSession session, string? system = null, string? ownerTeam = null)
    {
        var caller = CallerContext.Current;
        if (system is not null) session.SetHeader(Actor, system);
        else if (caller is null) session.SetHeader(Actor, Cluster);
        else
        {
            session.SetHeader(Actor, caller.User);
            session.SetHeader(Key, caller.KeyId);
            if (caller.Team is { } team) session.SetHeader(Team, team);
        }
        if (ownerTeam is not null) session.SetHeader(OwnerTeam, ownerTeam);
    }
}
