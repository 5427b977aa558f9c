using System.Text.Json;
using System.Text.Json.Serialization;

namespace Experimentation.Assignment.Tests;

/// <summary>
/// Invariant 1: the C# function reproduces, byte for byte, the vectors an independent Python implementation
/// (scripts/generate-assignment-vectors.py, python3-xxhash) produced from docs/assignment.md.
/// </summary>
public class AssignmentVectorTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static IReadOnlyList<AssignmentVector> LoadVectors()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "assignment-vectors.json"));
        using var document = JsonDocument.Parse(file);
        return document.RootElement.GetProperty("vectors").Deserialize<AssignmentVector[]>(Json)!;
    }

    [Fact]
    public void ThePublishedFileHoldsAtLeastTwoHundredRowsCoveringEveryReasonTheyCanReach()
    {
        var vectors = LoadVectors();
        Assert.True(vectors.Count >= 200, $"{vectors.Count} rows");
        var reasons = vectors.Select(v => v.Expected.Reason).ToHashSet();
        AssignmentReason[] reachable =
        [
            AssignmentReason.Assigned, AssignmentReason.InvalidUserId, AssignmentReason.GlobalHoldout,
            AssignmentReason.OutsideExperimentSlots, AssignmentReason.NotInTraffic,
        ];
        Assert.All(reachable, reason => Assert.Contains(reason, reasons));
    }

    [Fact]
    public void EveryHashAndBucketMatchesTheReferenceImplementation()
    {
        var failures = new List<string>();
        foreach (var (vector, row) in LoadVectors().Select((v, i) => (v, i)))
        {
            var expected = vector.Expected;
            if (expected.Reason == AssignmentReason.InvalidUserId)
            {
                if (AssignmentHash.TryHash(vector.HoldoutSalt, vector.UserId, out _))
                    failures.Add($"row {row}: user id '{vector.UserId}' was accepted");
                continue;
            }

            ulong holdout = Hash(vector.HoldoutSalt, vector.UserId);
            Check(row, "holdoutHash", expected.HoldoutHash, holdout.ToString("x16"), failures);
            Check(row, "holdoutBucket", expected.HoldoutBucket, AssignmentHash.Reduce(holdout, AssignmentLimits.BasisPointsScale), failures);

            if (vector.NamespaceSalt is not null)
            {
                ulong layer = Hash(vector.NamespaceSalt, vector.UserId);
                Check(row, "layerHash", expected.LayerHash, layer.ToString("x16"), failures);
                Check(row, "slot", expected.Slot, AssignmentHash.Reduce(layer, vector.TotalSlots), failures);
            }

            ulong experiment = Hash(vector.ExperimentSalt, vector.UserId);
            Check(row, "experimentHash", expected.ExperimentHash, experiment.ToString("x16"), failures);
            int traffic = AssignmentHash.Reduce(experiment, AssignmentLimits.BasisPointsScale, out ulong rest);
            Check(row, "trafficBucket", expected.TrafficBucket, traffic, failures);
            Check(row, "variantBucket", expected.VariantBucket, AssignmentHash.Reduce(rest, vector.Weights.Sum()), failures);
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void EveryRowGetsTheSameDecisionFromACompiledSnapshot()
    {
        var failures = new List<string>();
        foreach (var (vector, row) in LoadVectors().Select((v, i) => (v, i)))
        {
            var result = AssignmentSnapshot.Compile(vector.ToBundle()).Assign("experiment", vector.UserId);
            var expected = vector.Expected;
            string? expectedVariant = expected.Reason == AssignmentReason.Assigned ? $"v{expected.VariantIndex}" : null;
            Check(row, "reason", expected.Reason, result.Reason, failures);
            Check(row, "slot", expected.Slot, result.Slot, failures);
            Check(row, "variant", expectedVariant, result.VariantKey, failures);
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static ulong Hash(string salt, string userId)
    {
        Assert.True(AssignmentHash.TryHash(salt, userId, out ulong hash), $"could not hash '{salt}', '{userId}'");
        return hash;
    }

    private static void Check<T>(int row, string field, T expected, T actual, List<string> failures)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            failures.Add($"row {row}: {field} expected {expected}, got {actual}");
    }
}
