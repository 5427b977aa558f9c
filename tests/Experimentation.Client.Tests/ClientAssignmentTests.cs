using Experimentation.Assignment;
using Experimentation.Client.Exposures;

namespace Experimentation.Client.Tests;

public sealed class ClientAssignmentTests
{
    private static readonly string TooLong = new('x', AssignmentLimits.MaxUserIdUtf8Bytes + 1);
    private static readonly string TooLongInUtf8 = new('é', AssignmentLimits.MaxUserIdUtf8Bytes / 2 + 1);

    private static async Task<ExperimentationClient> StartedAsync(InMemoryExposureSink? sink = null, bool logOnAssign = false)
    {
        var options = new ExperimentationClientOptions { Exposures = { LogOnAssign = logOnAssign } };
        var client = new ExperimentationClient(new StaticFeed(Bundles.Sample(1)), sink, options);
        await client.StartAsync();
        return client;
    }

    [Fact]
    public async Task AnAssignmentCarriesTheVariantKeyAndItsJsonConfig()
    {
        await using var client = await StartedAsync();

        var result = client.Assign("checkout", "user-1");
        var layer = client.AssignInLayer("home", "user-1");

        Assert.Equal(AssignmentReason.Assigned, result.Reason);
        Assert.Contains(result.VariantKey, new[] { "control", "green" });
        Assert.Equal(result.VariantKey == "green" ? """{"color":"green"}""" : """{"color":"blue"}""", result.VariantConfigJson);
        Assert.Equal(("hero", "big", """{"size":"big"}"""), (layer.ExperimentKey, layer.VariantKey, layer.VariantConfigJson));
    }

    [Fact]
    public async Task BeforeAnyConfigArrivesEveryAssignmentIsTheDefault()
    {
        await using var client = new ExperimentationClient(new StaticFeed(null), null,
            new ExperimentationClientOptions { InitialLoadTimeout = TimeSpan.FromMilliseconds(50) });
        await client.StartAsync();

        Assert.Equal(AssignmentReason.UnknownExperiment, client.Assign("checkout", "user-1").Reason);
        Assert.Equal(AssignmentReason.UnknownNamespace, client.AssignInLayer("home", "user-1").Reason);
        Assert.Equal(0, client.Version);
    }

    public static TheoryData<string?, string?, AssignmentReason> BadExperimentInput => new()
    {
        { "no-such-experiment", "user-1", AssignmentReason.UnknownExperiment },
        { null, "user-1", AssignmentReason.UnknownExperiment },
        { "", "user-1", AssignmentReason.UnknownExperiment },
        { "checkout", "", AssignmentReason.InvalidUserId },
        { "checkout", null, AssignmentReason.InvalidUserId },
        { "checkout", TooLong, AssignmentReason.InvalidUserId },
        { "checkout", TooLongInUtf8, AssignmentReason.InvalidUserId },
    };

    [Theory]
    [MemberData(nameof(BadExperimentInput))]
    public async Task BadInputToAssignGetsTheDocumentedDefault(string? experiment, string? user, AssignmentReason expected)
    {
        await using var client = await StartedAsync(new InMemoryExposureSink(), logOnAssign: true);

        var result = client.Assign(experiment!, user!);

        Assert.Equal(expected, result.Reason);
        Assert.Null(result.VariantKey);
        Assert.False(client.LogExposure(result, user!));
    }

    [Fact]
    public async Task AUserIdWithALoneSurrogateGetsTheInvalidUserIdDefault()
    {
        // Not theory data: the test runner's serialization would replace the lone surrogate with U+FFFD.
        await using var client = await StartedAsync();

        Assert.Equal(AssignmentReason.InvalidUserId, client.Assign("checkout", "lone\uD800surrogate").Reason);
        Assert.Equal(AssignmentReason.InvalidUserId, client.AssignInLayer("home", "lone\uDC00").Reason);
    }

    [Theory]
    [InlineData("no-such-namespace", "user-1", AssignmentReason.UnknownNamespace)]
    [InlineData(null, "user-1", AssignmentReason.UnknownNamespace)]
    [InlineData("home", "", AssignmentReason.InvalidUserId)]
    [InlineData("home", null, AssignmentReason.InvalidUserId)]
    public async Task BadInputToAssignInLayerGetsTheDocumentedDefault(string? ns, string? user, AssignmentReason expected)
    {
        await using var client = await StartedAsync();

        Assert.Equal(expected, client.AssignInLayer(ns!, user!).Reason);
    }

    [Fact]
    public async Task AssigningAllocatesNothingEvenWithExposuresOnAssign()
    {
        await using var client = await StartedAsync(new InMemoryExposureSink(), logOnAssign: true);
        string[] users = Enumerable.Range(0, 16).Select(i => $"user-{i}").ToArray();
        foreach (var user in users)
        {
            client.Assign("checkout", user);
            client.AssignInLayer("home", user);
        }

        // Several rounds, judged by the majority: the runtime's tiering can charge a one-off few kilobytes to this
        // thread while it recompiles the loop (more often on a loaded machine), but any per-call allocation would show
        // in every round.
        var rounds = new long[10];
        for (int round = 0; round < rounds.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                client.Assign("checkout", users[i % users.Length]);
                client.AssignInLayer("home", users[i % users.Length]);
                client.Assign("no-such-experiment", users[i % users.Length]);
                client.Assign("checkout", "");
            }
            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(rounds.Count(bytes => bytes == 0) > rounds.Length / 2,
            $"bytes allocated per round of 40,000 calls: {string.Join(", ", rounds)}");
    }

    [Fact]
    public async Task LogOnAssignLogsEachAssignedPairOnce()
    {
        var sink = new InMemoryExposureSink();
        var client = await StartedAsync(sink, logOnAssign: true);

        for (int i = 0; i < 3; i++)
        {
            client.Assign("checkout", "user-1");
            client.AssignInLayer("home", "user-1");
        }
        await client.DisposeAsync();

        Assert.Equal(["checkout", "hero"], sink.Exposures.Select(e => e.Experiment).Order());
        Assert.Equal(4, client.ExposureStatistics.Duplicates);
    }

    [Fact]
    public async Task WithoutLogOnAssignOnlyLogExposureLogs()
    {
        var sink = new InMemoryExposureSink();
        var client = await StartedAsync(sink);

        var result = client.Assign("checkout", "user-1");
        client.Assign("checkout", "user-2");
        Assert.True(client.LogExposure(result, "user-1"));
        await client.DisposeAsync();

        Assert.Equal("user-1", Assert.Single(sink.Exposures).UserId);
    }

    [Fact]
    public async Task WithoutASinkExposureLoggingIsOff()
    {
        await using var client = await StartedAsync(sink: null, logOnAssign: true);

        var result = client.Assign("checkout", "user-1");

        Assert.True(result.IsAssigned);
        Assert.False(client.LogsExposures);
        Assert.False(client.LogExposure(result, "user-1"));
    }
}
