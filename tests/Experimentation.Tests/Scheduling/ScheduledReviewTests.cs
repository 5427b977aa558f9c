using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Security;
using Experimentation.GrainInterfaces.Settings;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Scheduling;

/// <summary>A scheduled start obeys the review setting as a person's start does, and records why when it may not start.</summary>
[Collection(ReviewCollection.Name)]
public sealed class ScheduledReviewTests(PlatformFixture platform)
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AScheduledStartOfADraftThatNeedsReviewStaysADraftAndSaysWhy()
    {
        var (probe, definition) = await Reviewed("sched-unreviewed");
        var startDate = DateTimeOffset.UtcNow.AddSeconds(2);
        Assert.True((await probe.Grain.Create(definition with { StartDate = startDate })).Accepted);

        await Eventually.Until("the failed start to be recorded", probe.HistoryTypesAsync, types => types.Contains("ScheduledStartFailed"),
            TimeSpan.FromSeconds(2) + Slack, TimeSpan.FromMilliseconds(100));

        Assert.Equal(ExperimentStatus.Draft, (await probe.Grain.Get())!.Status);
        Assert.Contains($"review is required for team '{definition.OwnerTeam}'", (await probe.LastEventAsync("ScheduledStartFailed")).GetProperty("reason").GetString());
        await probe.NoReminderAsync();
    }

    [Fact]
    public async Task AnApprovedExperimentStartsByItselfAtItsStartDate()
    {
        var (probe, definition) = await Reviewed("sched-approved");
        Assert.True((await probe.Grain.Create(definition with { StartDate = DateTimeOffset.UtcNow.AddSeconds(3) })).Accepted);
        Assert.True((await probe.Grain.Submit()).Accepted);
        Assert.True((await probe.Grain.Approve()).Accepted);

        await probe.StatusAsync(ExperimentStatus.Running, TimeSpan.FromSeconds(3) + Slack);

        Assert.Equal(["ExperimentCreated", "ReviewSubmitted", "ExperimentApproved", "ExperimentStarted"], await probe.HistoryTypesAsync());
    }

    // A probe for a new experiment of a new team that requires review, and a definition that passes every check.
    private async Task<(ScheduleProbe Probe, ExperimentDefinition Definition)> Reviewed(string prefix)
    {
        var team = Samples.Key("team");
        using (CallerContext.Use(new Caller("key-root", "root", null, Role.Admin)))
            Assert.True((await platform.Grains.GetGrain<IReviewSettingsGrain>(0).Set(true, team)).Accepted);
        var metrics = Samples.Key(prefix);
        await Samples.RegisterMetricsAsync(platform.Grains, metrics);
        return (new ScheduleProbe(platform, Samples.Key(prefix)), Samples.Reviewable(metrics, team));
    }
}
