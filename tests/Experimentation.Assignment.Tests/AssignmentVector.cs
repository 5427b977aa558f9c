namespace Experimentation.Assignment.Tests;

/// <summary>One row of docs/assignment-vectors.json (field meanings in docs/assignment.md).</summary>
public sealed record AssignmentVector
{
    public string HoldoutSalt { get; init; } = "";
    public int HoldoutBasisPoints { get; init; }
    public string? NamespaceSalt { get; init; }
    public int TotalSlots { get; init; }
    public int SlotStart { get; init; }
    public int SlotEnd { get; init; }
    public string ExperimentSalt { get; init; } = "";
    public int TrafficBasisPoints { get; init; }
    public int[] Weights { get; init; } = [];
    public string UserId { get; init; } = "";
    public ExpectedAssignment Expected { get; init; } = new();

    public sealed record ExpectedAssignment
    {
        public string? HoldoutHash { get; init; }
        public int? HoldoutBucket { get; init; }
        public string? LayerHash { get; init; }
        public int Slot { get; init; }
        public string? ExperimentHash { get; init; }
        public int? TrafficBucket { get; init; }
        public int? VariantBucket { get; init; }
        public int? VariantIndex { get; init; }
        public AssignmentReason Reason { get; init; }
    }

    /// <summary>The one-experiment bundle the row describes; keys are fixed because only salts enter the hash.</summary>
    public ConfigBundle ToBundle() => new()
    {
        HoldoutSalt = HoldoutSalt,
        HoldoutBasisPoints = HoldoutBasisPoints,
        Namespaces = NamespaceSalt is null ? [] : [new NamespaceConfig { Key = "layer", Salt = NamespaceSalt, TotalSlots = TotalSlots }],
        Experiments =
        [
            new ExperimentConfig
            {
                Key = "experiment",
                Salt = ExperimentSalt,
                Namespace = NamespaceSalt is null ? null : "layer",
                SlotStart = SlotStart,
                SlotEnd = SlotEnd,
                TrafficBasisPoints = TrafficBasisPoints,
                Variants = Weights.Select((weight, i) => new VariantConfig { Key = $"v{i}", Weight = weight }).ToArray(),
            },
        ],
    };
}
