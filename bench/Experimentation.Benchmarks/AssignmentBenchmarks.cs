using BenchmarkDotNet.Attributes;
using Experimentation.Assignment;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Experimentation.Benchmarks;

/// <summary>
/// In-process assignment against a warm snapshot, next to Microsoft.FeatureManagement 4.7.0 answering the same
/// (experiment, user) calls. Each invocation walks 1,024 distinct pairs so branch prediction and caches see a
/// realistic mix; figures are per call. The minimum is reported beside the mean because the machine is shared:
/// other processes only ever add time, so the minimum is the closest estimate of the uncontended cost.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class AssignmentBenchmarks
{
    private const int Calls = 1024;

    private AssignmentSnapshot _snapshot = AssignmentSnapshot.Empty;
    private (string Experiment, string User)[] _calls = [];
    private (string Experiment, string User)[] _inSlots = [];
    private string[] _layers = [];
    private AssignmentResult[] _all = [];
    private TargetingContext[] _contexts = [];
    private FeatureManager? _featureManager;

    [GlobalSetup]
    public void Setup()
    {
        var bundle = AssignmentWorkload.Bundle();
        _snapshot = AssignmentSnapshot.Compile(bundle);
        _calls = AssignmentWorkload.Calls(Calls);
        _layers = _calls.Select(c => "layer-" + c.Experiment[4]).ToArray();
        // The same users, each asked about the experiment that owns their slot: the full path with three hashes.
        _inSlots = _calls.Select((c, i) => (_snapshot.AssignInLayer(_layers[i], c.User).ExperimentKey!, c.User)).ToArray();
        _all = new AssignmentResult[_snapshot.LayerCount];
        _contexts = _calls.Select(c => new TargetingContext { UserId = c.User }).ToArray();
        var definitions = new ConfigurationFeatureDefinitionProvider(AssignmentWorkload.FeatureManagementConfiguration(bundle));
        _featureManager = new FeatureManager(definitions, new FeatureManagementOptions());

        // A comparison against a misconfigured flag set would be meaningless: FeatureManagement has no holdout or
        // traffic cut here, so every call must come back with a variant.
        int answered = FeatureManagementGetVariant().GetAwaiter().GetResult();
        if (answered != Calls)
            throw new InvalidOperationException($"FeatureManagement gave a variant to {answered} of {Calls} calls.");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Assign(experiment, user)")]
    public int Assign()
    {
        int assigned = 0;
        foreach (var (experiment, user) in _calls)
            assigned += _snapshot.Assign(experiment, user).IsAssigned ? 1 : 0;
        return assigned;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Assign, user inside the slots")]
    public int AssignInsideSlots()
    {
        int assigned = 0;
        foreach (var (experiment, user) in _inSlots)
            assigned += _snapshot.Assign(experiment, user).IsAssigned ? 1 : 0;
        return assigned;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "AssignInLayer(namespace, user)")]
    public int AssignInLayer()
    {
        int assigned = 0;
        for (int i = 0; i < _calls.Length; i++)
            assigned += _snapshot.AssignInLayer(_layers[i], _calls[i].User).IsAssigned ? 1 : 0;
        return assigned;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "AssignAll(user), 5 layers")]
    public int AssignAll()
    {
        int assigned = 0;
        foreach (var (_, user) in _calls)
            assigned += _snapshot.AssignAll(user, _all);
        return assigned;
    }

    /// <summary>One salted hash, the unit cost: Assign makes two to three of them.</summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "AssignmentHash.TryHash(salt, user)")]
    public ulong Hash()
    {
        ulong sum = 0;
        foreach (var (experiment, user) in _calls)
            sum += AssignmentHash.TryHash(experiment, user, out ulong hash) ? hash : 0;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "FeatureManagement 4.7.0 GetVariantAsync")]
    public async Task<int> FeatureManagementGetVariant()
    {
        int assigned = 0;
        for (int i = 0; i < _calls.Length; i++)
        {
            var variant = await _featureManager!.GetVariantAsync(_calls[i].Experiment, _contexts[i], CancellationToken.None);
            assigned += variant is null ? 0 : 1;
        }
        return assigned;
    }
}
