using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Settings;

namespace Experimentation.Gateway.Contracts;

/// <summary>The body of POST /api/experiments/{key}/request-changes: what the author should change.</summary>
/// <example>{"comment":"Add the refund rate as a guardrail."}</example>
public sealed record RequestChangesRequest(string? Comment);

/// <summary>The body of PUT /api/settings/review: turn review on or off for one team, or for everyone without a team.</summary>
/// <param name="Required">Whether experiments of the team (or of everyone) must be approved before they start.</param>
/// <param name="Team">The owner team; omitted for everyone.</param>
public sealed record ReviewSettingRequest(bool? Required, string? Team);

/// <summary>The review setting: required for everyone, or for the listed teams.</summary>
/// <param name="Version">Changes so far; each one is an event with its actor.</param>
public sealed record ReviewSettingsResponse(bool Everyone, string[] Teams, long Version)
{
    public static ReviewSettingsResponse From(ReviewSettings s) => new(s.Everyone, s.Teams, s.Version);
}

/// <summary>The pre-launch checks of an experiment's current definition.</summary>
/// <param name="Status">fail when any check fails (submission and approval are refused), warn when any warns, else pass.</param>
public sealed record ChecksResponse(string Key, CheckStatus Status, PreLaunchCheck[] Checks)
{
    public static ChecksResponse From(string key, PreLaunchCheck[] checks) => new(key,
        checks.Any(c => c.Status == CheckStatus.Fail) ? CheckStatus.Fail
        : checks.Any(c => c.Status == CheckStatus.Warn) ? CheckStatus.Warn
        : CheckStatus.Pass,
        checks);
}
