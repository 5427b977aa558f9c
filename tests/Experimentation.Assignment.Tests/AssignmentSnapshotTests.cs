namespace Experimentation.Assignment.Tests;

public class AssignmentSnapshotTests
{
    private readonly AssignmentSnapshot _snapshot = AssignmentSnapshot.Compile(Bundles.Typical());

    [Fact]
    public void TheSameUserAlwaysGetsTheSameAnswer()
    {
        var again = AssignmentSnapshot.Compile(Bundles.Typical());
        for (int i = 0; i < 1_000; i++)
            Assert.Equal(_snapshot.Assign("button", $"user-{i}"), again.Assign("button", $"user-{i}"));
    }

    [Fact]
    public void AnAssignedResultCarriesTheVariantItsConfigAndTheSlot()
    {
        var result = Enumerable.Range(0, 100).Select(i => _snapshot.Assign("button", $"user-{i}")).First(r => r.IsAssigned);
        Assert.Equal("button", result.ExperimentKey);
        Assert.InRange(result.Slot, 0, 399);
        Assert.Equal($$"""{"index":{{result.VariantKey![1..]}}}""", result.VariantConfigJson);
    }

    [Fact]
    public void EmptyOrMalformedUserIdsGetTheInvalidDefault()
    {
        // Built in code: attribute arguments are stored as UTF-8, which would turn a lone surrogate into U+FFFD.
        string[] invalid = ["", "\ud800", "ok" + '\udc00', "\ud83d" + "x", null!];
        foreach (string userId in invalid)
        {
            Assert.Equal(AssignmentReason.InvalidUserId, _snapshot.Assign("button", userId).Reason);
            Assert.Equal(AssignmentReason.InvalidUserId, _snapshot.AssignInLayer("checkout", userId).Reason);
        }
        Assert.True(_snapshot.Assign("button", "\ud83d\ude80").Reason != AssignmentReason.InvalidUserId);
    }

    [Fact]
    public void UserIdsAreLimitedToTwoHundredFiftySixUtf8Bytes()
    {
        Assert.NotEqual(AssignmentReason.InvalidUserId, _snapshot.Assign("button", new string('a', 256)).Reason);
        Assert.Equal(AssignmentReason.InvalidUserId, _snapshot.Assign("button", new string('a', 257)).Reason);
        Assert.NotEqual(AssignmentReason.InvalidUserId, _snapshot.AssignInLayer("checkout", new string('é', 128)).Reason);
        Assert.Equal(AssignmentReason.InvalidUserId, _snapshot.AssignInLayer("checkout", new string('é', 129)).Reason);
    }

    [Fact]
    public void UnknownKeysGetTheirOwnReasons()
    {
        Assert.Equal(AssignmentReason.UnknownExperiment, _snapshot.Assign("nope", "user-1").Reason);
        Assert.Equal(AssignmentReason.UnknownNamespace, _snapshot.AssignInLayer("nope", "user-1").Reason);
        Assert.Equal(AssignmentReason.UnknownExperiment, AssignmentSnapshot.Empty.Assign("button", "user-1").Reason);
    }

    [Fact]
    public void AStoppedExperimentAssignsNobodyAndFreesItsSlots()
    {
        var bundle = Bundles.Typical() with
        {
            Experiments = [Bundles.Experiment("button", "checkout", 0, 1000) with { IsRunning = false }],
        };
        var snapshot = AssignmentSnapshot.Compile(bundle);
        Assert.Equal(AssignmentReason.ExperimentNotRunning, snapshot.Assign("button", "user-1").Reason);
        Assert.Equal(AssignmentReason.NotInAnyExperiment, snapshot.AssignInLayer("checkout", "user-1").Reason);
    }

    [Fact]
    public void TheLayerAnswerIsTheAnswerOfTheExperimentOwningTheSlot()
    {
        var reasons = new HashSet<AssignmentReason>();
        for (int i = 0; i < 2_000; i++)
        {
            string user = $"user-{i}";
            var layer = _snapshot.AssignInLayer("checkout", user);
            reasons.Add(layer.Reason);
            string? owner = layer.Slot switch { < 400 => "button", < 700 => "copy", _ => null };
            if (owner is null)
                Assert.Equal(AssignmentReason.NotInAnyExperiment, layer.Reason);
            else
                Assert.Equal(_snapshot.Assign(owner, user), layer);
            var other = owner == "button" ? "copy" : "button";
            Assert.Equal(AssignmentReason.OutsideExperimentSlots, _snapshot.Assign(other, user).Reason);
        }
        Assert.Equal([AssignmentReason.Assigned, AssignmentReason.NotInAnyExperiment, AssignmentReason.NotInTraffic], reasons.Order());
    }

    [Fact]
    public void AnExperimentWithoutANamespaceHasNoSlotAndTakesItsShareOfEveryone()
    {
        int assigned = 0;
        for (int i = 0; i < 20_000; i++)
        {
            var result = _snapshot.Assign("dark-mode", $"user-{i}");
            Assert.Equal(-1, result.Slot);
            if (result.IsAssigned) assigned++;
        }
        Assert.InRange(assigned / 20_000.0, 0.28, 0.32);
    }

    [Fact]
    public void TheGlobalHoldoutHidesEveryLayerFromItsShareOfUsers()
    {
        var snapshot = AssignmentSnapshot.Compile(Bundles.Typical(holdoutBasisPoints: 200));
        var results = new AssignmentResult[snapshot.LayerCount];
        int held = 0, reportedAsHoldout = 0;
        for (int i = 0; i < 50_000; i++)
        {
            string user = $"user-{i}";
            if (!snapshot.IsInGlobalHoldout(user)) continue;
            held++;
            AssignmentResult[] answers =
            [
                snapshot.Assign("dark-mode", user), snapshot.Assign("ranker", user), snapshot.Assign("button", user),
                snapshot.AssignInLayer("checkout", user), snapshot.AssignInLayer("search", user),
            ];
            Assert.All(answers, a => Assert.Null(a.VariantKey));
            // Only a cheaper reason (the slot) may come before the holdout; the layer-less experiment has none.
            Assert.Equal(AssignmentReason.GlobalHoldout, answers[0].Reason);
            Assert.All(answers, a => Assert.Contains(a.Reason, new[] { AssignmentReason.GlobalHoldout, AssignmentReason.OutsideExperimentSlots, AssignmentReason.NotInAnyExperiment }));
            reportedAsHoldout += answers.Count(a => a.Reason == AssignmentReason.GlobalHoldout);
            Assert.Equal(0, snapshot.AssignAll(user, results));
        }
        Assert.InRange(held / 50_000.0, 0.017, 0.023);
        Assert.True(reportedAsHoldout > 3 * held, $"{reportedAsHoldout} holdout reasons for {held} users");
        Assert.False(snapshot.IsInGlobalHoldout(""));
        var everyone = AssignmentSnapshot.Compile(Bundles.Typical(holdoutBasisPoints: 10_000));
        Assert.Equal(AssignmentReason.GlobalHoldout, everyone.Assign("dark-mode", "user-1").Reason);
        Assert.False(AssignmentSnapshot.Compile(Bundles.Typical()).IsInGlobalHoldout("user-1"));
    }

    [Fact]
    public void AssignAllGivesExactlyTheAssignedAnswersOfEachLayer()
    {
        Assert.Equal(3, _snapshot.LayerCount);
        var results = new AssignmentResult[_snapshot.LayerCount];
        for (int i = 0; i < 2_000; i++)
        {
            string user = $"user-{i}";
            AssignmentResult[] expected =
            [
                _snapshot.AssignInLayer("checkout", user), _snapshot.AssignInLayer("search", user), _snapshot.Assign("dark-mode", user),
            ];
            int count = _snapshot.AssignAll(user, results);
            Assert.Equal(expected.Where(r => r.IsAssigned), results[..count]);
        }
        Assert.Throws<ArgumentException>(() => _snapshot.AssignAll("user-1", new AssignmentResult[2]));
    }

    [Fact]
    public void AZeroWeightVariantIsNeverAssigned()
    {
        var bundle = new ConfigBundle { Experiments = [Bundles.Experiment("e", null, 0, 0, 10_000, 1, 0, 1)] };
        var snapshot = AssignmentSnapshot.Compile(bundle);
        var variants = Enumerable.Range(0, 20_000).Select(i => snapshot.Assign("e", $"u{i}").VariantKey).ToHashSet();
        Assert.Equal(["v0", "v2"], variants.Order());
    }

    [Fact]
    public void AssigningAllocatesNothing()
    {
        var snapshot = AssignmentSnapshot.Compile(Bundles.Typical(holdoutBasisPoints: 150));
        Span<char> buffer = stackalloc char[32];
        Span<AssignmentResult> results = new AssignmentResult[snapshot.LayerCount];
        snapshot.Assign("copy", "warm-up");
        snapshot.AssignInLayer("checkout", "warm-up");
        snapshot.AssignAll("warm-up", results);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            var user = Bundles.UserId(buffer, "user-", i);
            snapshot.Assign("copy", user);
            snapshot.AssignInLayer("checkout", user);
            snapshot.AssignAll(user, results);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
