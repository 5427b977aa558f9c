using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Security;
using Experimentation.Grains.Audit;
using Experimentation.Grains.Security.Events;
using JasperFx;
using Marten;
using Orleans.Concurrency;

namespace Experimentation.Grains.Security;

/// <summary>
/// Teams, users and keys in Marten documents, each change with an audit event in the same transaction. A stateless
/// worker, so key checks are answered by the silo next to the gateway; PostgreSQL keeps ids unique.
/// </summary>
[StatelessWorker]
public sealed class IdentityGrain(IDocumentStore store, TimeProvider clock) : Grain, IIdentityGrain
{
    public async Task<Caller?> Verify(byte[] hash)
    {
        if (hash.Length != 32) return null;
        await using var session = store.QuerySession();
        var key = await session.LoadAsync<ApiKeyDocument>(KeyHash.IdOf(hash));
        return key is not null && KeyHash.Matches(hash, key.Hash) && key.IsLive(clock.GetUtcNow()) ? key.ToCaller() : null;
    }

    public async Task<bool> AnyKeys()
    {
        await using var session = store.QuerySession();
        return await session.Query<ApiKeyDocument>().AnyAsync();
    }

    public async Task<ApiKeyView> RegisterBootstrapKey(byte[] hash)
    {
        var id = KeyHash.IdOf(hash);
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ApiKeyDocument>(id) is { } existing) return existing.ToView();
        var now = clock.GetUtcNow();
        if (await session.LoadAsync<UserDocument>(IIdentityGrain.BootstrapUser) is null)
        {
            session.Store(new UserDocument { Id = IIdentityGrain.BootstrapUser, Name = "Installation admin", CreatedAt = now });
            session.Events.Append(AuditStreams.User(IIdentityGrain.BootstrapUser), new UserCreated(IIdentityGrain.BootstrapUser, "Installation admin", null, now));
        }
        var key = new ApiKeyDocument { Id = id, Hash = hash, User = IIdentityGrain.BootstrapUser, Role = Role.Admin, CreatedAt = now };
        session.Store(key);
        session.Events.Append(AuditStreams.ApiKey(id), new KeyIssued(id, key.User, null, Role.Admin, null, now));
        Actors.Stamp(session, system: "system:bootstrap");
        await session.SaveChangesAsync();
        return key.ToView();
    }

    public async Task<CommandResult<TeamView>> CreateTeam(string key, string name)
    {
        if (Permissions.InstallationAdmin(CallerContext.Current, "Creating a team") is { } forbidden) return Refused<TeamView>(forbidden);
        if (!Keys.IsValid(key)) return Refused<TeamView>(CommandError.Invalid("key", $"must match {Keys.Pattern}"));
        if (Text(name) is { } bad) return Refused<TeamView>(CommandError.Invalid("name", bad));
        var team = new TeamDocument { Id = key, Name = name, CreatedAt = clock.GetUtcNow() };
        await using var session = store.LightweightSession();
        session.Insert(team);
        session.Events.Append(AuditStreams.Team(key), new TeamCreated(key, name, team.CreatedAt));
        Actors.Stamp(session, ownerTeam: key);
        return await Save(session, CommandError.Conflict($"A team with key '{key}' already exists."), team.ToView());
    }

    public async Task<TeamView[]> ListTeams()
    {
        await using var session = store.QuerySession();
        return (await session.Query<TeamDocument>().OrderBy(t => t.Id).ToListAsync()).Select(t => t.ToView()).ToArray();
    }

    public async Task<CommandResult<UserView>> CreateUser(string id, string name, string? team)
    {
        if (Permissions.TeamAdmin(CallerContext.Current, team, "Creating a user") is { } forbidden) return Refused<UserView>(forbidden);
        if (!Keys.IsValid(id)) return Refused<UserView>(CommandError.Invalid("id", $"must match {Keys.Pattern}"));
        if (Text(name) is { } bad) return Refused<UserView>(CommandError.Invalid("name", bad));
        await using var session = store.LightweightSession();
        if (team is not null && await session.LoadAsync<TeamDocument>(team) is null)
            return Refused<UserView>(CommandError.Invalid("team", $"no team '{Keys.Clip(team)}' exists; create it with POST /api/teams"));
        var user = new UserDocument { Id = id, Name = name, Team = team, CreatedAt = clock.GetUtcNow() };
        session.Insert(user);
        session.Events.Append(AuditStreams.User(id), new UserCreated(id, name, team, user.CreatedAt));
        Actors.Stamp(session, ownerTeam: team);
        return await Save(session, CommandError.Conflict($"A user with id '{id}' already exists."), user.ToView());
    }

    public async Task<UserView[]> ListUsers()
    {
        var caller = CallerContext.Current;
        await using var session = store.QuerySession();
        var users = session.Query<UserDocument>().AsQueryable();
        if (caller is { IsGlobalAdmin: false }) users = users.Where(u => u.Team == caller.Team);
        return (await users.OrderBy(u => u.Id).ToListAsync()).Select(u => u.ToView()).ToArray();
    }

    public async Task<CommandResult<UserView>> DeleteUser(string id)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<UserDocument>(id) is not { DeletedAt: null } user)
            return Refused<UserView>(CommandError.UnknownKey("user", id));
        var caller = CallerContext.Current;
        if (Permissions.TeamAdmin(caller, user.Team, "Deleting a user") is { } forbidden) return Refused<UserView>(forbidden);
        if (caller?.User == id) return Refused<UserView>(CommandError.Conflict("A key cannot delete its own user; use another admin's key."));
        var now = clock.GetUtcNow();
        var keys = await session.Query<ApiKeyDocument>().Where(k => k.User == id && k.RevokedAt == null).ToListAsync();
        foreach (var key in keys)
        {
            session.Store(key with { RevokedAt = now });
            session.Events.Append(AuditStreams.ApiKey(key.Id), new KeyRevoked(key.Id, now));
        }
        var deleted = user with { DeletedAt = now };
        session.Store(deleted);
        session.Events.Append(AuditStreams.User(id), new UserDeleted(id, keys.Select(k => k.Id).ToArray(), now));
        Actors.Stamp(session, ownerTeam: user.Team);
        await session.SaveChangesAsync();
        return CommandResult<UserView>.Ok(deleted.ToView());
    }

    public async Task<CommandResult<IssuedKey>> IssueKey(KeyRequest request)
    {
        var now = clock.GetUtcNow();
        if (!Enum.IsDefined(request.Role)) return Refused<IssuedKey>(CommandError.Invalid("role", "must be admin, experimenter, reviewer, viewer or sdk"));
        if (request.ExpiresAt is { } expires && expires <= now) return Refused<IssuedKey>(CommandError.Invalid("expiresAt", "must be in the future"));
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<UserDocument>(request.User) is not { DeletedAt: null } user)
            return Refused<IssuedKey>(CommandError.Invalid("user", $"no user '{Keys.Clip(request.User)}' exists; create it with POST /api/users"));
        if (Permissions.TeamAdmin(CallerContext.Current, user.Team, "Issuing a key") is { } forbidden) return Refused<IssuedKey>(forbidden);

        var secret = KeyHash.NewKey();
        var hash = KeyHash.Of(secret);
        var key = new ApiKeyDocument
        {
            Id = KeyHash.IdOf(hash), Hash = hash, User = user.Id, Team = user.Team, Role = request.Role, CreatedAt = now, ExpiresAt = request.ExpiresAt,
        };
        session.Insert(key);
        session.Events.Append(AuditStreams.ApiKey(key.Id), new KeyIssued(key.Id, key.User, key.Team, key.Role, key.ExpiresAt, now));
        Actors.Stamp(session, ownerTeam: key.Team);
        return await Save(session, CommandError.Conflict("Key id collision; ask again."), new IssuedKey(key.ToView(), secret));
    }

    public async Task<ApiKeyView[]> ListKeys()
    {
        var caller = CallerContext.Current;
        await using var session = store.QuerySession();
        var keys = session.Query<ApiKeyDocument>().AsQueryable();
        if (caller is { IsGlobalAdmin: false }) keys = keys.Where(k => k.Team == caller.Team);
        return (await keys.OrderByDescending(k => k.CreatedAt).ToListAsync()).Select(k => k.ToView()).ToArray();
    }

    public async Task<CommandResult<ApiKeyView>> RevokeKey(string id)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ApiKeyDocument>(id) is not { } key) return Refused<ApiKeyView>(CommandError.UnknownKey("key", id));
        if (Permissions.TeamAdmin(CallerContext.Current, key.Team, "Revoking a key") is { } forbidden) return Refused<ApiKeyView>(forbidden);
        if (key.RevokedAt is not null) return CommandResult<ApiKeyView>.Ok(key.ToView());
        var revoked = key with { RevokedAt = clock.GetUtcNow() };
        session.Store(revoked);
        session.Events.Append(AuditStreams.ApiKey(id), new KeyRevoked(id, revoked.RevokedAt.Value));
        Actors.Stamp(session, ownerTeam: key.Team);
        await session.SaveChangesAsync();
        return CommandResult<ApiKeyView>.Ok(revoked.ToView());
    }

    private static async Task<CommandResult<T>> Save<T>(IDocumentSession session, CommandError taken, T value)
    {
        try
        {
            await session.SaveChangesAsync();
        }
        catch (DocumentAlreadyExistsException)
        {
            return Refused<T>(taken);
        }
        return CommandResult<T>.Ok(value);
    }

    private static string? Text(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > 200 ? "is required, non-blank and at most 200 characters" : null;

    private static CommandResult<T> Refused<T>(CommandError error) => CommandResult<T>.Refused(error);
}
