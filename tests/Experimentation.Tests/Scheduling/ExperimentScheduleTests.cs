using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Experiments;
using Experimentation.Grains.Experiments.Events;
using Experimentation.Grains.Scheduling;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Scheduling;

/// <summary>What the dates schedule, as a pure function of the folded stream (no reminder involved).</summary>
public sealed class ExperimentScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AStartDateAheadWhenTheDraftIsSavedSchedulesTheStartAndOneAlreadyPastSchedulesNothing()
    {
        var ahead = Fold(new ExperimentCreated("x", Samples.Ab() with { StartDate = T0.AddHours(1) }, T0));
        var past = Fold(new ExperimentCreated("x", Samples.Ab() with { StartDate = T0.AddHours(-1) }, T0));

        Assert.Equal(T0.AddHours(1), ExperimentSchedule.NextDue(ahead));
        Assert.Equal(ScheduledAction.None, ExperimentSchedule.DueAt(ahead, T0.AddMinutes(59)));
        Assert.Equal(ScheduledAction.Start, ExperimentSchedule.DueAt(ahead, T0.AddHours(1)));
        // Late (every silo was down at the start date): still due.
        Assert.Equal(ScheduledAction.Start, ExperimentSchedule.DueAt(ahead, T0.AddHours(5)));
        Assert.Null(ExperimentSchedule.NextDue(past));
        Assert.Equal(ScheduledAction.None, ExperimentSchedule.DueAt(past, T0.AddHours(5)));
    }

    [Fact]
    public void TheEndDateIsScheduledFromTheStartAndIsSpentByTheEndOrTheConclusion()
    {
        var definition = Samples.Ab() with { StartDate = T0.AddHours(1), EndDate = T0.AddDays(7) };
        var started = Fold(new ExperimentCreated("x", definition, T0), new ExperimentStarted(T0.AddHours(1)));
        var paused = Then(started, new ExperimentPaused("holiday", T0.AddDays(2)));
        var ended = Then(started, new ScheduledEndReached(T0.AddDays(7), T0.AddDays(7)), new ExperimentPaused("scheduled end", T0.AddDays(7), PauseCause.Schedule));
        var resumed = Then(ended, new ExperimentResumed(T0.AddDays(8)));
        var concluded = Then(paused, new ExperimentConcluded(ConclusionDecision.Inconclusive, null, T0.AddDays(3)));

        Assert.Null(started.ScheduledStart);
        Assert.Equal(T0.AddDays(7), ExperimentSchedule.NextDue(started));
        Assert.Equal(ScheduledAction.End, ExperimentSchedule.DueAt(paused, T0.AddDays(7)));
        // A person who resumes after the scheduled end runs it on until they conclude: the end date has acted.
        Assert.Null(ExperimentSchedule.NextDue(resumed));
        Assert.Null(ExperimentSchedule.NextDue(concluded));
    }

    [Fact]
    public void AFailedStartSpendsTheScheduleAndANewFutureStartDateSchedulesAgain()
    {
        var created = Fold(new ExperimentCreated("x", Samples.Ab() with { StartDate = T0.AddHours(1) }, T0));
        var failed = Then(created, new ScheduledStartFailed(T0.AddHours(1), "slots taken", T0.AddHours(1)));
        var rescheduled = Then(failed, new DraftUpdated(Samples.Ab() with { StartDate = T0.AddHours(3) }, T0.AddHours(2)));

        Assert.Null(ExperimentSchedule.NextDue(failed));
        Assert.Equal(T0.AddHours(3), ExperimentSchedule.NextDue(rescheduled));
    }

    [Fact]
    public void AStartDueAfterTheEndDateHasPassedIsRefusedWithTheReason()
    {
        var state = Fold(new ExperimentCreated("x", Samples.Ab() with { StartDate = T0.AddHours(1), EndDate = T0.AddHours(2) }, T0));

        Assert.Null(ExperimentSchedule.WhyNotStart(state, T0.AddHours(1)));
        Assert.Contains("endDate", ExperimentSchedule.WhyNotStart(state, T0.AddHours(2)));
    }

    private static Experiment Fold(params object[] events) => Then(null, events);

    private static Experiment Then(Experiment? state, params object[] events) => events.Aggregate(state, (s, e) => Experiment.Fold(s, e))!;
}
