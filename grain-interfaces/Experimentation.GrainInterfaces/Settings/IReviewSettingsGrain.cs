using Experimentation.GrainInterfaces.Experiments;
using Orleans.Concurrency;

namespace Experimentation.GrainInterfaces.Settings;

/// <summary>
/// The installation's review setting (key 0), the only writer of its Marten stream: every change is an event with
/// its actor. When a caller is present, only the global admin may change it.
/// </summary>
public interface IReviewSettingsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Turns review on or off for <paramref name="team"/>, or for everyone when it is null. Switching everyone off
    /// leaves the teams that turned it on themselves; setting what is already set appends nothing.
    /// </summary>
    Task<CommandResult<ReviewSettings>> Set(bool required, string? team);

    [AlwaysInterleave]
    Task<ReviewSettings> Get();

    /// <summary>Every change of the setting in order, with its actor.</summary>
    Task<HistoryEntry[]> GetHistory();
}
