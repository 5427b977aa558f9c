using Experimentation.Assignment;
using Experimentation.Client.Exposures;

namespace Experimentation.Client.Tests;

public sealed class ExposureLoggerTests
{
    private static AssignmentResult Green(string experiment = "checkout") => new(AssignmentReason.Assigned, experiment, "green", null, -1);

    [Fact]
    public async Task ABatchLeavesAsSoonAsItIsFull()
    {
        var sink = new InMemoryExposureSink();
        await using var logger = new ExposureLogger(sink, new ExposureOptions { BatchSize = 3, FlushInterval = TimeSpan.FromHours(1) });

        for (int i = 0; i < 7; i++)
            Assert.True(logger.Log(Green(), $"user-{i}"));

        await Eventually.Until("two full batches sent", () => sink.Batches.Count, n => n == 2);
        Assert.All(sink.Batches, b => Assert.Equal(3, b.Count));
        await logger.DisposeAsync();
        Assert.Equal(7, sink.Exposures.Count);
        Assert.Equal(7, logger.Statistics.Sent);
    }

    [Fact]
    public async Task APartialBatchLeavesAfterTheFlushInterval()
    {
        var sink = new InMemoryExposureSink();
        await using var logger = new ExposureLogger(sink, new ExposureOptions { BatchSize = 100, FlushInterval = TimeSpan.FromMilliseconds(100) });

        logger.Log(Green(), "u1");
        logger.Log(Green(), "u2");

        await Eventually.Until("the partial batch sent after the flush interval", () => sink.Exposures.Count, n => n == 2, TimeSpan.FromSeconds(5));
        Assert.Single(sink.Batches);
    }

    [Fact]
    public async Task APairIsLoggedOncePerProcess()
    {
        var sink = new InMemoryExposureSink();
        var logger = new ExposureLogger(sink);

        for (int i = 0; i < 5; i++)
            logger.Log(Green(), "u1");
        logger.Log(Green("hero"), "u1");
        logger.Log(Green(), "u2");
        await logger.DisposeAsync();

        Assert.Equal(3, sink.Exposures.Count);
        Assert.Equal(new ExposureStatistics(Logged: 3, Duplicates: 4, Dropped: 0, Sent: 3, Failed: 0), logger.Statistics);
    }

    [Fact]
    public async Task ExposuresCarryDistinctVersion7IdsAndTheAssignedVariant()
    {
        var sink = new InMemoryExposureSink();
        var logger = new ExposureLogger(sink);
        var before = DateTimeOffset.UtcNow;

        logger.Log(Green(), "u1");
        logger.Log(Green(), "u2");
        await logger.DisposeAsync();

        Assert.All(sink.Exposures, e => Assert.Equal(7, e.EventId.Version));
        Assert.Equal(2, sink.Exposures.Select(e => e.EventId).Distinct().Count());
        var first = sink.Exposures[0];
        Assert.Equal(("u1", "checkout", "green", "exposure"), (first.UserId, first.Experiment, first.Variant, first.Type));
        Assert.InRange(first.Timestamp, before, DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData(AssignmentReason.NotInTraffic)]
    [InlineData(AssignmentReason.UnknownExperiment)]
    public async Task ADefaultResultIsNotAnExposure(AssignmentReason reason)
    {
        var sink = new InMemoryExposureSink();
        var logger = new ExposureLogger(sink);

        Assert.False(logger.Log(new AssignmentResult(reason, "checkout", null, null, -1), "u1"));
        await logger.DisposeAsync();

        Assert.Empty(sink.Exposures);
    }

    // docs/holdout.md: a user the global holdout keeps out is logged once per process as an exposure to the reserved
    // experiment, whichever experiments they were kept out of, so the platform can compare them with exposed users.
    [Fact]
    public async Task AHeldOutUserIsLoggedOnceAsAHoldoutExposure()
    {
        var sink = new InMemoryExposureSink();
        var logger = new ExposureLogger(sink);

        Assert.True(logger.Log(new AssignmentResult(AssignmentReason.GlobalHoldout, "checkout", null, null, -1), "u1"));
        Assert.False(logger.Log(new AssignmentResult(AssignmentReason.GlobalHoldout, "hero", null, null, 7), "u1"));
        await logger.DisposeAsync();

        var exposure = Assert.Single(sink.Exposures);
        Assert.Equal(("u1", "global-holdout", "holdout", "exposure"), (exposure.UserId, exposure.Experiment, exposure.Variant, exposure.Type));
        Assert.Equal(GlobalHoldout.ExperimentKey, exposure.Experiment);
    }

    [Fact]
    public async Task AFullQueueDropsAndCountsWithoutBlockingAndForgetsThePair()
    {
        var sink = new BlockedSink();
        var logger = new ExposureLogger(sink, new ExposureOptions { BatchSize = 1, QueueCapacity = 2, FlushInterval = TimeSpan.FromMilliseconds(10) });
        Assert.True(logger.Log(Green(), "in-flight"));
        await Eventually.Until("the first batch handed to the blocked sink", () => Volatile.Read(ref sink.Sends), n => n == 1);

        Assert.True(logger.Log(Green(), "queued-1"));
        Assert.True(logger.Log(Green(), "queued-2"));
        Assert.False(logger.Log(Green(), "dropped"));
        Assert.Equal(1, logger.Statistics.Dropped);

        sink.Release();
        await Eventually.Until("all three exposures sent once the sink is released", () => logger.Statistics.Sent, n => n == 3);
        Assert.True(logger.Log(Green(), "dropped"));
        await logger.DisposeAsync();
    }

    [Fact]
    public async Task ABatchTheSinkGivesUpOnIsCountedAndItsUsersAreLoggedAgain()
    {
        var sink = new FlakySink(failures: 1);
        var logger = new ExposureLogger(sink, new ExposureOptions { FlushInterval = TimeSpan.FromMilliseconds(10) });

        logger.Log(Green(), "u1");
        await Eventually.Until("the refused batch counted as failed", () => logger.Statistics.Failed, n => n == 1);
        Assert.True(logger.Log(Green(), "u1"));
        await logger.DisposeAsync();

        Assert.Equal("u1", Assert.Single(sink.Delivered.Exposures).UserId);
    }

    [Fact]
    public async Task DisposalStopsWaitingForASinkThatNeverAnswers()
    {
        var sink = new BlockedSink();
        var logger = new ExposureLogger(sink, new ExposureOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(200) });
        logger.Log(Green(), "u1");

        var disposal = logger.DisposeAsync().AsTask();

        Assert.Same(disposal, await Task.WhenAny(disposal, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False(logger.Log(Green(), "u2"));
    }
}
