using System.Text.Json;
using Experimentation.Assignment;

namespace Experimentation.GrainInterfaces.Config;

/// <summary>
/// Carries a <see cref="ConfigBundle"/> across grain calls as its JSON, so the assignment library stays free of
/// Orleans and the wire form is the same JSON that HTTP clients receive.
/// </summary>
[GenerateSerializer]
public struct ConfigBundleSurrogate
{
    [Id(0)] public string Json;
}

/// <summary>Converts bundles to and from their surrogate.</summary>
[RegisterConverter]
public sealed class ConfigBundleSurrogateConverter : IConverter<ConfigBundle, ConfigBundleSurrogate>
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public ConfigBundle ConvertFromSurrogate(in ConfigBundleSurrogate surrogate) =>
        JsonSerializer.Deserialize<ConfigBundle>(surrogate.Json, Options) ?? new ConfigBundle();

    public ConfigBundleSurrogate ConvertToSurrogate(in ConfigBundle value) =>
        new() { Json = JsonSerializer.Serialize(value, Options) };
}
