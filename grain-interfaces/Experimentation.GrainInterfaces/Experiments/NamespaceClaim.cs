namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>The namespace (layer) an experiment runs in and how many of its slots it claims when it starts.</summary>
[GenerateSerializer, Immutable]
public sealed record NamespaceClaim(string Key, int Slots);
