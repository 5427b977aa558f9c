using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Security;
using Experimentation.GrainInterfaces.Settings;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Experiments;

/// <summary>
/// The review workflow through the grains, with callers set as the gateway will set them (CallerContext travels in
/// Orleans' RequestContext from this test client). Each test owns a team, so the review setting of one test does not
/// reach another's experiments.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class ReviewWorkflowTests(PlatformFixture platform)
{
    private static readonly Caller GlobalAdmin = new("key-root", "root", null, Role.Admin);

    private IReviewSettingsGrain Settings => platform.Grains.GetGrain<IReviewSettingsGrain>(0);

    [Fact]
    public async Task TheFullReviewPathEndsRunningAndEveryStepIsAnEventWithItsActor()
    {
        var team = Samples.Key("team");
        await RequireReview(team);
        var (grain, alice) = await Draft(team);
        var bob = new Caller("key-bob", "bob", team, Role.Reviewer);

        var early = await As(alice, grain.Start);
        Assert.Equal(CommandErrorKind.Conflict, early.Error!.Kind);
        Assert.Contains($"review is required for team '{team}'", early.Error.Message);

        var submitted = await As(alice, grain.Submit);
        Assert.Equal(ExperimentStatus.InReview, submitted.Value!.Status);
        Assert.Equal("alice", submitted.Value.Review!.SubmittedBy);
        var approved = await As(bob, grain.Approve);
        Assert.True(approved.Accepted, approved.Error?.Message);
        Assert.Equal(ExperimentStatus.Approved, approved.Value!.Status);
        Assert.Equal(("alice", "bob"), (approved.Value.Review!.SubmittedBy, approved.Value.Review.ApprovedBy));
        var started = await As(alice, grain.Start);
        Assert.Equal(ExperimentStatus.Running, started.Value!.Status);

        var history = await grain.GetHistory();
        Assert.Equal(["ExperimentCreated", "ReviewSubmitted", "ExperimentApproved", "ExperimentStarted"], history.Select(h => h.Type));
        Assert.Equal("alice", history[1].Actor);
        Assert.Equal("bob", history[2].Actor);
        Assert.Contains("\"by\":\"bob\"", history[2].Data);
    }

    [Fact]
    public async Task AnAuthorApprovingTheirOwnExperimentIsRefused()
    {
        var team = Samples.Key("team");
        var (grain, _) = await Draft(team);
        // The team's admin may write, submit and review; for its own submission someone else must approve it.
        var carol = new Caller("key-carol", "carol", team, Role.Admin);
        Assert.True((await As(carol, grain.Submit)).Accepted);

        var own = await As(carol, grain.Approve);
        var ownChanges = await As(carol, () => grain.RequestChanges("Looks fine to me."));

        Assert.Equal(CommandErrorKind.Forbidden, own.Error!.Kind);
        Assert.Equal("'carol' submitted this experiment, and its author may not approve it: another reviewer or admin must.", own.Error.Message);
        Assert.Equal(CommandErrorKind.Forbidden, ownChanges.Error!.Kind);
        Assert.Equal(ExperimentStatus.InReview, (await grain.Get())!.Status);
        Assert.Equal(["ExperimentCreated", "ReviewSubmitted"], (await grain.GetHistory()).Select(h => h.Type));
        // The same key's user under another key is still the author: the rule is about the person.
        var carolAsAdmin = new Caller("key-carol-admin", "carol", null, Role.Admin);
        Assert.Equal(CommandErrorKind.Forbidden, (await As(carolAsAdmin, grain.Approve)).Error!.Kind);
    }

    [Theory]
    [InlineData(Role.Experimenter, "own", false)]
    [InlineData(Role.Viewer, "own", false)]
    [InlineData(Role.Sdk, "own", false)]
    [InlineData(Role.Admin, "other", false)]
    [InlineData(Role.Reviewer, "other", true)]
    [InlineData(Role.Reviewer, "own", true)]
    [InlineData(Role.Admin, "own", true)]
    [InlineData(Role.Admin, null, true)]
    public async Task OnlyAReviewerOrAnAdminOfTheTeamMayApprove(Role role, string? whose, bool allowed)
    {
        var team = Samples.Key("team");
        var (grain, alice) = await Draft(team);
        Assert.True((await As(alice, grain.Submit)).Accepted);
        var approver = new Caller("key-dan", "dan", whose switch { "own" => team, "other" => "another-team", _ => null }, role);

        var result = await As(approver, grain.Approve);

        if (allowed) Assert.True(result.Accepted, result.Error?.Message);
        else
        {
            Assert.Equal(CommandErrorKind.Forbidden, result.Error!.Kind);
            Assert.Contains("reviewer", result.Error.Message);
            Assert.Equal(ExperimentStatus.InReview, (await grain.Get())!.Status);
        }
    }

    [Fact]
    public async Task ChangesRequestedReturnToDraftWithTheCommentInTheHistory()
    {
        var team = Samples.Key("team");
        await RequireReview(team);
        var (grain, alice) = await Draft(team);
        var bob = new Caller("key-bob", "bob", team, Role.Reviewer);
        Assert.True((await As(alice, grain.Submit)).Accepted);

        var sentBack = await As(bob, () => grain.RequestChanges("Bind the refund rate with a 2% tolerance."));

        Assert.Equal(ExperimentStatus.Draft, sentBack.Value!.Status);
        Assert.Equal(("Bind the refund rate with a 2% tolerance.", "bob"), (sentBack.Value.Review!.ChangesRequested, sentBack.Value.Review.ChangesRequestedBy));
        var last = (await grain.GetHistory())[^1];
        Assert.Equal(("ChangesRequested", "bob"), (last.Type, last.Actor));
        Assert.Contains("Bind the refund rate with a 2% tolerance.", last.Data);
        Assert.Equal(CommandErrorKind.Conflict, (await As(alice, grain.Start)).Error!.Kind);
        // Submitting again starts a new review, which clears the comment.
        var again = await As(alice, grain.Submit);
        Assert.Equal(ExperimentStatus.InReview, again.Value!.Status);
        Assert.Null(again.Value.Review!.ChangesRequested);
    }

    [Fact]
    public async Task ARequestForChangesNeedsAComment()
    {
        var (grain, alice) = await Draft(Samples.Key("team"));
        Assert.True((await As(alice, grain.Submit)).Accepted);

        var blank = await grain.RequestChanges("   ");

        Assert.Equal(("comment", CommandErrorKind.Validation), (blank.Error!.Field, blank.Error.Kind));
        Assert.Equal(ExperimentStatus.InReview, (await grain.Get())!.Status);
    }

    [Theory]
    [InlineData(ExperimentStatus.Approved)]
    [InlineData(ExperimentStatus.InReview)]
    public async Task AnEditInReviewOrAfterApprovalReturnsToDraft(ExperimentStatus reached)
    {
        var team = Samples.Key("team");
        await RequireReview(team);
        var (grain, alice) = await Draft(team);
        var bob = new Caller("key-bob", "bob", team, Role.Reviewer);
        Assert.True((await As(alice, grain.Submit)).Accepted);
        if (reached == ExperimentStatus.Approved) Assert.True((await As(bob, grain.Approve)).Accepted);
        var definition = (await grain.Get())!.Definition;

        var edited = await As(alice, () => grain.UpdateDraft(definition with { TrafficPercent = 30 }));

        Assert.Equal(ExperimentStatus.Draft, edited.Value!.Status);
        Assert.Null(edited.Value.Review);
        var history = await grain.GetHistory();
        Assert.Equal(["DraftUpdated", "ReviewReset"], history[^2..].Select(h => h.Type));
        Assert.Contains(reached == ExperimentStatus.Approved ? "\"from\":\"approved\"" : "\"from\":\"in_review\"", history[^1].Data);
        var start = await As(alice, grain.Start);
        Assert.Equal(CommandErrorKind.Conflict, start.Error!.Kind);
    }

    [Fact]
    public async Task WithReviewOffADraftStartsAsBefore()
    {
        var (grain, alice) = await Draft(Samples.Key("team"));

        var started = await As(alice, grain.Start);

        Assert.Equal(ExperimentStatus.Running, started.Value!.Status);
    }

    [Fact]
    public async Task ReviewOnForATeamAffectsOnlyThatTeam()
    {
        var growth = Samples.Key("growth");
        await RequireReview(growth);
        var (mine, alice) = await Draft(growth);
        var (theirs, erin) = await Draft(Samples.Key("search"));

        Assert.Equal(CommandErrorKind.Conflict, (await As(alice, mine.Start)).Error!.Kind);
        Assert.Equal(ExperimentStatus.Running, (await As(erin, theirs.Start)).Value!.Status);
    }

    [Fact]
    public async Task ReviewForEveryoneReachesEveryTeamAndSwitchingItOffKeepsTheTeamsThatAskedForIt()
    {
        var growth = Samples.Key("growth");
        await RequireReview(growth);
        var (growthDraft, alice) = await Draft(growth);
        var (otherDraft, erin) = await Draft(Samples.Key("search"));
        try
        {
            using (CallerContext.Use(GlobalAdmin)) Assert.True((await Settings.Set(true, null)).Accepted);
            Assert.Equal(CommandErrorKind.Conflict, (await As(erin, otherDraft.Start)).Error!.Kind);
        }
        finally
        {
            using (CallerContext.Use(GlobalAdmin)) Assert.True((await Settings.Set(false, null)).Accepted);
        }

        var settings = await Settings.Get();
        Assert.False(settings.Everyone);
        Assert.Contains(growth, settings.Teams);
        Assert.Equal(CommandErrorKind.Conflict, (await As(alice, growthDraft.Start)).Error!.Kind);
        Assert.True((await As(erin, otherDraft.Start)).Accepted);
    }

    [Theory]
    [InlineData(Role.Admin, "growth")]
    [InlineData(Role.Reviewer, null)]
    [InlineData(Role.Experimenter, "growth")]
    public async Task OnlyTheInstallationsAdminChangesTheReviewSetting(Role role, string? team)
    {
        var target = Samples.Key("team");
        using (CallerContext.Use(new Caller("key-x", "xavier", team, role)))
        {
            var refused = await Settings.Set(true, target);
            Assert.Equal(CommandErrorKind.Forbidden, refused.Error!.Kind);
            Assert.Contains("installation's admin", refused.Error.Message);
        }
        Assert.DoesNotContain(target, (await Settings.Get()).Teams);
    }

    [Fact]
    public async Task EachChangeOfTheReviewSettingIsAnEventWithItsActorAndRepeatingOneAppendsNothing()
    {
        var team = Samples.Key("team");
        var before = (await Settings.Get()).Version;
        using (CallerContext.Use(GlobalAdmin))
        {
            Assert.True((await Settings.Set(true, team)).Accepted);
            Assert.True((await Settings.Set(true, team)).Accepted);
            Assert.True((await Settings.Set(false, team)).Accepted);
        }

        var history = await Settings.GetHistory();
        Assert.Equal(before + 2, history.Length);
        Assert.All(history[^2..], h => Assert.Equal(("ReviewSettingChanged", "root"), (h.Type, h.Actor)));
        Assert.Contains($"\"team\":\"{team}\"", history[^1].Data);
        Assert.Contains("\"required\":false", history[^1].Data);
        Assert.DoesNotContain(team, (await Settings.Get()).Teams);
        var blank = await Settings.Set(true, " ");
        Assert.Equal("team", blank.Error!.Field);
    }

    [Fact]
    public async Task ATrustedCallWithoutACallerMaySubmitAndApprove()
    {
        var team = Samples.Key("team");
        await RequireReview(team);
        var (grain, _) = await Draft(team);

        Assert.True((await grain.Submit()).Accepted);
        var approved = await grain.Approve();

        Assert.Equal(ExperimentStatus.Approved, approved.Value!.Status);
        Assert.Null(approved.Value.Review!.SubmittedBy);
        Assert.Null(approved.Value.Review.ApprovedBy);
        Assert.True((await grain.Start()).Accepted);
    }

    private async Task RequireReview(string team)
    {
        using (CallerContext.Use(GlobalAdmin)) Assert.True((await Settings.Set(true, team)).Accepted);
        Assert.True((await Settings.Get()).RequiredFor(team));
    }

    // A draft of the team that passes every pre-launch check, created by the team's experimenter.
    private async Task<(IExperimentGrain Grain, Caller Author)> Draft(string team)
    {
        var metrics = Samples.Key("review");
        await Samples.RegisterMetricsAsync(platform.Grains, metrics);
        var author = new Caller($"key-{team}", team.StartsWith("search", StringComparison.Ordinal) ? "erin" : "alice", team, Role.Experimenter);
        var grain = platform.Grains.GetGrain<IExperimentGrain>(Samples.Key("review"));
        var created = await As(author, () => grain.Create(Samples.Reviewable(metrics, team)));
        Assert.True(created.Accepted, created.Error?.Message);
        return (grain, author);
    }

    private static async Task<T> As<T>(Caller caller, Func<Task<T>> call)
    {
        using (CallerContext.Use(caller)) return await call();
    }
}
