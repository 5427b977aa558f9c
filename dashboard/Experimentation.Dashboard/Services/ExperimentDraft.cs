using System.Text.Json;
using Experimentation.Gateway.Contracts;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Dashboard.Services;

/// <summary>
/// What the new experiment wizard edits: the definition as the API's request body, so one mapper (and its messages)
/// turns both into the grain's definition. Percentages are entered as percent and stored as the API's fractions.
/// </summary>
public sealed class ExperimentDraft
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Hypothesis { get; set; }
    public ExperimentType Type { get; set; } = ExperimentType.Ab;
    public string? OwnerTeam { get; set; }
    public List<VariantRow> Variants { get; } = [new() { Key = "control", IsControl = true }, new() { Key = "treatment" }];
    public double TrafficPercent { get; set; } = 100;
    public double? MdePercent { get; set; } = 2;
    public DecisionMode DecisionMode { get; set; } = DecisionMode.Sequential;
    public int? LookIntervalSeconds { get; set; }
    public List<MetricRow> Metrics { get; } = [];
    public string? NamespaceKey { get; set; }
    public int NamespaceSlots { get; set; } = 100;

    public int TotalWeight => Variants.Sum(v => Math.Max(0, v.Weight));

    public sealed class VariantRow
    {
        public string? Key { get; set; }
        public int Weight { get; set; } = 1;
        public string Config { get; set; } = "{}";
        public bool IsControl { get; set; }
    }

    public sealed class MetricRow
    {
        public string? MetricKey { get; set; }
        public MetricRole Role { get; set; } = MetricRole.Primary;
        public MetricDirection Direction { get; set; } = MetricDirection.HigherBetter;
        public double MaxDegradationPercent { get; set; } = MetricBinding.DefaultMaxDegradation * 100;
        public GuardrailAction Action { get; set; } = GuardrailAction.Pause;
    }

    /// <summary>
    /// The definition, or the first problem with the field it names, in the words POST /api/experiments uses: the key
    /// and the required fields here, every value rule in the grain when it is saved.
    /// </summary>
    public (ExperimentDefinition? Definition, CommandError? Error) ToDefinition()
    {
        if (string.IsNullOrEmpty(Key)) return (null, CommandError.Invalid("key", "is required"));
        if (!Keys.IsValid(Key)) return (null, CommandError.Invalid("key", $"must match {Keys.Pattern}"));
        var variants = new VariantRequest[Variants.Count];
        for (var i = 0; i < variants.Length; i++)
        {
            var v = Variants[i];
            JsonElement config;
            try
            {
                config = JsonDocument.Parse(string.IsNullOrWhiteSpace(v.Config) ? "{}" : v.Config).RootElement.Clone();
            }
            catch (JsonException)
            {
                return (null, CommandError.Invalid($"variants[{i}].config", "must be valid JSON"));
            }
            variants[i] = new VariantRequest(v.Key, v.Weight, config, v.IsControl);
        }
        return ExperimentRequestMapper.ToDefinition(new CreateExperimentRequest
        {
            Key = Key,
            Name = Blank(Name),
            Hypothesis = Blank(Hypothesis),
            Type = Type,
            OwnerTeam = Blank(OwnerTeam),
            Namespace = string.IsNullOrEmpty(NamespaceKey) ? null : new NamespaceRequest(NamespaceKey, NamespaceSlots),
            Variants = variants,
            TrafficPercent = TrafficPercent,
            Metrics = Metrics.Select(m => new MetricBindingRequest(Blank(m.MetricKey), m.Role, m.Direction, m.MaxDegradationPercent / 100, m.Action)).ToArray(),
            Mde = MdePercent / 100,
            DecisionMode = DecisionMode,
            LookIntervalSeconds = LookIntervalSeconds,
        });
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
