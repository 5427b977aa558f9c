namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>One arm of an experiment.</summary>
/// <param name="Key">Unique within the experiment, same pattern as experiment keys.</param>
/// <param name="Weight">Positive integer share of the experiment's traffic.</param>
/// <param name="Config">The JSON the variant hands to the service (raw JSON text).</param>
/// <param name="IsControl">Exactly one variant per experiment is the control.</param>
[GenerateSerializer, Immutable]
public sealed record VariantDefinition(string Key, int Weight, string Config, bool IsControl);
