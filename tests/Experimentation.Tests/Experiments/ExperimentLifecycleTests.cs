using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Experiments;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Experiments;

/// <summary>Every allowed and every refused lifecycle move, through the grain as an embedded client sees it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ExperimentLifecycleTests(PlatformFixture platform)
{
    // The transition table from the foundation issue, the traffic ramp and the review (issue 16), with the number of
    // events each move appends; everything not listed is refused. No caller is set: these are trusted calls.
    private static readonly Dictionary<(ExperimentStatus, LifecycleCommand), (ExperimentStatus To, int Events)> Allowed = new()
    {
        [(ExperimentStatus.Draft, LifecycleCommand.Update)] = (ExperimentStatus.Draft, 1),
        [(ExperimentStatus.Draft, LifecycleCommand.Start)] = (ExperimentStatus.Running, 1),
        [(ExperimentStatus.Draft, LifecycleCommand.Archive)] = (ExperimentStatus.Archived, 1),
        [(ExperimentStatus.Draft, LifecycleCommand.Submit)] = (ExperimentStatus.InReview, 1),
        [(ExperimentStatus.InReview, LifecycleCommand.Update)] = (ExperimentStatus.Draft, 2),
        [(ExperimentStatus.InReview, LifecycleCommand.Approve)] = (ExperimentStatus.Approved, 1),
        [(ExperimentStatus.InReview, LifecycleCommand.RequestChanges)] = (ExperimentStatus.Draft, 1),
        [(ExperimentStatus.InReview, LifecycleCommand.Archive)] = (ExperimentStatus.Archived, 1),
        [(ExperimentStatus.Approved, LifecycleCommand.Update)] = (ExperimentStatus.Draft, 2),
        [(ExperimentStatus.Approved, LifecycleCommand.Start)] = (ExperimentStatus.Running, 1),
        [(ExperimentStatus.Approved, LifecycleCommand.Archive)] = (ExperimentStatus.Archived, 1),
        [(ExperimentStatus.Running, LifecycleCommand.Pause)] = (ExperimentStatus.Paused, 1),
        [(ExperimentStatus.Running, LifecycleCommand.Conclude)] = (ExperimentStatus.Concluded, 1),
        [(ExperimentStatus.Running, LifecycleCommand.Traffic)] = (ExperimentStatus.Running, 1),
        [(ExperimentStatus.Paused, LifecycleCommand.Resume)] = (ExperimentStatus.Running, 1),
        [(ExperimentStatus.Paused, LifecycleCommand.Conclude)] = (ExperimentStatus.Concluded, 1),
        [(ExperimentStatus.Paused, LifecycleCommand.Traffic)] = (ExperimentStatus.Paused, 1),
        [(ExperimentStatus.Concluded, LifecycleCommand.Archive)] = (ExperimentStatus.Archived, 1),
    };

    public static TheoryData<ExperimentStatus, LifecycleCommand> EveryStatusAndCommand()
    {
        var data = new TheoryData<ExperimentStatus, LifecycleCommand>();
        foreach (var status in Enum.GetValues<ExperimentStatus>())
            foreach (var command in Enum.GetValues<LifecycleCommand>())
                data.Add(status, command);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndCommand))]
    public async Task ACommandIsAcceptedExactlyWhenTheTransitionTableAllowsIt(ExperimentStatus from, LifecycleCommand command)
    {
        var grain = await ExperimentIn(from);
        var before = await grain.GetHistory();

        var result = await Send(grain, command);

        var after = await grain.GetHistory();
        if (Allowed.TryGetValue((from, command), out var move))
        {
            Assert.True(result.Accepted, result.Error?.Message);
            Assert.Equal(move.To, result.Value!.Status);
            Assert.Equal(before.Length + move.Events, after.Length);
            Assert.Equal(after.Length, result.Value.Version);
        }
        else
        {
            Assert.False(result.Accepted);
            Assert.Equal(CommandErrorKind.Conflict, result.Error!.Kind);
            Assert.Contains($"is {ExperimentTransitions.Name(from)}:", result.Error.Message);
            Assert.Equal(before.Length, after.Length);
            Assert.Equal(from, (await grain.Get())!.Status);
        }
    }

    [Fact]
    public async Task AcceptedCommandsAppendPastTenseEventsInOrder()
    {
        var grain = platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("order"));
        await grain.Create(Samples.Ab());
        await grain.Start();
        await grain.Pause("checking a bug");
        await grain.Resume();
        await grain.Conclude(ConclusionDecision.Ship, "green");
        await grain.Archive();

        var history = await grain.GetHistory();

        Assert.Equal(
            ["ExperimentCreated", "ExperimentStarted", "ExperimentPaused", "ExperimentResumed", "ExperimentConcluded", "ExperimentArchived"],
            history.Select(h => h.Type));
        Assert.Equal([1L, 2, 3, 4, 5, 6], history.Select(h => h.Version));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
        Assert.Contains("checking a bug", history[2].Data);
    }

    [Fact]
    public async Task CommandsToAnUnknownExperimentAreNotFoundAndCreateNothing()
    {
        var grain = platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("ghost"));

        var result = await grain.Start();

        Assert.Equal(CommandErrorKind.NotFound, result.Error!.Kind);
        Assert.Null(await grain.Get());
        Assert.Empty(await grain.GetHistory());
    }

    [Fact]
    public async Task CreatingAnExistingKeyIsAConflict()
    {
        var grain = platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("twice"));
        await grain.Create(Samples.Ab());

        var again = await grain.Create(Samples.Ab("other name"));

        Assert.Equal(CommandErrorKind.Conflict, again.Error!.Kind);
        Assert.Single(await grain.GetHistory());
    }

    [Fact]
    public async Task ShippingNeedsAWinningVariantOfTheExperiment()
    {
        var grain = await ExperimentIn(ExperimentStatus.Running);

        var noWinner = await grain.Conclude(ConclusionDecision.Ship, null);
        var strangeWinner = await grain.Conclude(ConclusionDecision.Ship, "purple");

        Assert.Equal("winningVariant", noWinner.Error!.Field);
        Assert.Equal("winningVariant", strangeWinner.Error!.Field);
        Assert.Equal(ExperimentStatus.Running, (await grain.Get())!.Status);
    }

    [Fact]
    public async Task PausingNeedsAReason()
    {
        var grain = await ExperimentIn(ExperimentStatus.Running);

        var result = await grain.Pause("  ");

        Assert.Equal("reason", result.Error!.Field);
        Assert.Equal(2, (await grain.GetHistory()).Length);
    }

    private async Task<IExperimentGrain> ExperimentIn(ExperimentStatus status)
    {
        var grain = platform.Grains.GetGrain<IExperimentGrain>(Samples.Key(status.ToString().ToLowerInvariant()));
        // A definition that passes the pre-launch checks, so it can be submitted.
        var metrics = Samples.Key("lifecycle");
        await Samples.RegisterMetricsAsync(platform.Grains, metrics);
        Assert.True((await grain.Create(Samples.Reviewable(metrics))).Accepted);
        var path = status switch
        {
            ExperimentStatus.Draft => [],
            ExperimentStatus.Running => new[] { LifecycleCommand.Start },
            ExperimentStatus.Paused => [LifecycleCommand.Start, LifecycleCommand.Pause],
            ExperimentStatus.Concluded => [LifecycleCommand.Start, LifecycleCommand.Conclude],
            ExperimentStatus.Archived => [LifecycleCommand.Archive],
            ExperimentStatus.InReview => [LifecycleCommand.Submit],
            ExperimentStatus.Approved => [LifecycleCommand.Submit, LifecycleCommand.Approve],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path) Assert.True((await Send(grain, step)).Accepted);
        return grain;
    }

    private static Task<CommandResult<ExperimentView>> Send(IExperimentGrain grain, LifecycleCommand command) => command switch
    {
        LifecycleCommand.Update => grain.UpdateDraft(Samples.Ab("renamed")),
        LifecycleCommand.Start => grain.Start(),
        LifecycleCommand.Pause => grain.Pause("investigating"),
        LifecycleCommand.Resume => grain.Resume(),
        LifecycleCommand.Conclude => grain.Conclude(ConclusionDecision.KeepControl, null),
        LifecycleCommand.Traffic => grain.ChangeTraffic(50),
        LifecycleCommand.Archive => grain.Archive(),
        LifecycleCommand.Submit => grain.Submit(),
        LifecycleCommand.Approve => grain.Approve(),
        LifecycleCommand.RequestChanges => grain.RequestChanges("Bind a second guardrail."),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };
}
