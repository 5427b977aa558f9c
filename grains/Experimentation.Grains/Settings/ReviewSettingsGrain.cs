using Experimentation.Grains.Audit;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Security;
using Experimentation.GrainInterfaces.Settings;
using Experimentation.Grains.Experiments;
using Marten;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Settings;

/// <summary>
/// The review setting as a fold of its Marten stream, each change appended with the expected version and its actor.
/// One activation (key 0) decides every change, so concurrent admins never lose one.
/// </summary>
public sealed class ReviewSettingsGrain(IDocumentStore store, TimeProvider clock, ILogger<ReviewSettingsGrain> logger)
    : Grain, IReviewSettingsGrain
{
    /// <summary>The stream's key; experiment keys cannot contain ':', so no experiment stream can take it.</summary>
    public const string StreamKey = "settings:review";

    private ReviewSettings _settings = ReviewSettings.Off;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Reload(cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<ReviewSettings> Get() => Task.FromResult(_settings);

    public async Task<HistoryEntry[]> GetHistory()
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamKey);
        var serializer = store.Options.Serializer();
        return events.Select(e => new HistoryEntry(e.Version, e.EventType.Name, e.Timestamp, serializer.ToJson(e.Data),
            e.GetHeader(Actors.Actor)?.ToString(), e.GetHeader(Actors.Key)?.ToString(), e.GetHeader(Actors.Team)?.ToString())).ToArray();
    }

    public async Task<CommandResult<ReviewSettings>> Set(bool required, string? team)
    {
        if (CallerContext.Current is { IsGlobalAdmin: false } caller)
            return Refused(CommandError.Forbidden($"Changing the review setting needs the installation's admin (role admin with no team); this key is {Describe(caller)}."));
        if (team is not null && (string.IsNullOrWhiteSpace(team) || team.Length > ExperimentDefinitionValidator.MaxNameLength))
            return Refused(CommandError.Invalid("team", $"must be non-blank and at most {ExperimentDefinitionValidator.MaxNameLength} characters; omit it for everyone"));
        var change = new ReviewSettingChanged(team, required, clock.GetUtcNow());
        var next = Apply(_settings, change);
        if (next.Everyone == _settings.Everyone && next.Teams.SequenceEqual(_settings.Teams)) return CommandResult<ReviewSettings>.Ok(_settings);

        await using var session = store.LightweightSession();
        Actors.Stamp(session);
        if (_settings.Version == 0) session.Events.StartStream(StreamKey, change);
        else session.Events.Append(StreamKey, next.Version, change);
        try
        {
            await session.SaveChangesAsync();
        }
        catch (Exception ex) when (MartenConflicts.IsVersionConflict(ex))
        {
            logger.LogWarning(ex, "Version conflict changing the review setting; reloading");
            await Reload(CancellationToken.None);
            return Refused(CommandError.Conflict("The review setting was changed by another writer; read it and retry."));
        }
        _settings = next;
        return CommandResult<ReviewSettings>.Ok(_settings);
    }

    private static ReviewSettings Apply(ReviewSettings settings, ReviewSettingChanged e)
    {
        var version = settings.Version + 1;
        if (e.Team is null) return settings with { Everyone = e.Required, Version = version };
        var teams = new SortedSet<string>(settings.Teams, StringComparer.Ordinal);
        if (e.Required) teams.Add(e.Team);
        else teams.Remove(e.Team);
        return settings with { Teams = [.. teams], Version = version };
    }

    private async Task Reload(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamKey, token: ct);
        _settings = events.Select(e => e.Data).OfType<ReviewSettingChanged>().Aggregate(ReviewSettings.Off, Apply);
    }

    private static string Describe(Caller caller) =>
        caller.Team is null ? caller.Role.ToString().ToLowerInvariant() : $"{caller.Role.ToString().ToLowerInvariant()} of team '{caller.Team}'";

    private static CommandResult<ReviewSettings> Refused(CommandError error) => CommandResult<ReviewSettings>.Refused(error);
}
