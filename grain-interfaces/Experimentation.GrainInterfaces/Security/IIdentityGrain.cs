using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.GrainInterfaces.Security;

/// <summary>
/// Teams, users and API keys, stored as Marten documents. The gateway verifies keys through this grain, so it needs
/// no database of its own and can run as a separate Orleans client. Commands check <see cref="CallerContext.Current"/>:
/// the installation admin manages everything, a team's admin its team's users and keys.
/// </summary>
public interface IIdentityGrain : IGrainWithIntegerKey
{
    /// <summary>The caller a key hash belongs to, or null when no live key has it (unknown, expired, revoked, user deleted).</summary>
    /// <param name="hash">SHA-256 of the presented key (<see cref="KeyHash.Of"/>): the secret itself never leaves the gateway.</param>
    Task<Caller?> Verify(byte[] hash);

    /// <summary>Whether any key exists, revoked or not: the bootstrap creates one only on an empty installation.</summary>
    Task<bool> AnyKeys();

    /// <summary>
    /// Stores the installation admin key with this hash (and its user, <see cref="BootstrapUser"/>) unless a key with
    /// this hash exists. Trusted callers only: the bootstrap in the gateway's process.
    /// </summary>
    Task<ApiKeyView> RegisterBootstrapKey(byte[] hash);

    Task<CommandResult<TeamView>> CreateTeam(string key, string name);

    Task<TeamView[]> ListTeams();

    Task<CommandResult<UserView>> CreateUser(string id, string name, string? team);

    /// <summary>Users visible to the caller: all for the installation admin, the team's for a team key.</summary>
    Task<UserView[]> ListUsers();

    /// <summary>Marks the user deleted and revokes every key it holds, in one transaction.</summary>
    Task<CommandResult<UserView>> DeleteUser(string id);

    Task<CommandResult<IssuedKey>> IssueKey(KeyRequest request);

    /// <summary>Keys visible to the caller, newest first: all for the installation admin, the team's for a team admin.</summary>
    Task<ApiKeyView[]> ListKeys();

    Task<CommandResult<ApiKeyView>> RevokeKey(string id);

    /// <summary>The user the bootstrap key is issued to.</summary>
    const string BootstrapUser = "admin";
}
