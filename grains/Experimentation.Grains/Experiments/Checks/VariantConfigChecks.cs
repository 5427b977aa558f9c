using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments.Checks;

/// <summary>
/// The variant_configs check: every config parses as JSON (fail), and an object config has the same top-level
/// fields as the control's (warn: a service reading a field one arm lacks falls back to its default there).
/// </summary>
public static class VariantConfigChecks
{
    public static PreLaunchCheck Check(VariantDefinition[] variants)
    {
        var parsed = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var v in variants)
        {
            try
            {
                using var doc = JsonDocument.Parse(v.Config);
                parsed[v.Key] = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                return new(PreLaunchChecks.VariantConfigs, CheckStatus.Fail, $"The config of variant '{v.Key}' is not JSON: {ex.Message}");
            }
        }

        var control = variants.Single(v => v.IsControl);
        if (Fields(parsed[control.Key]) is { } expected)
        {
            foreach (var v in variants.Where(v => !v.IsControl))
            {
                if (Fields(parsed[v.Key]) is not { } fields)
                    return Warn($"The control's config is an object, and variant '{v.Key}''s is not.");
                var missing = expected.Except(fields).ToArray();
                var extra = fields.Except(expected).ToArray();
                if (missing.Length > 0) return Warn($"Variant '{v.Key}' lacks the control's config fields {List(missing)}.");
                if (extra.Length > 0) return Warn($"Variant '{v.Key}' has config fields the control lacks: {List(extra)}.");
            }
        }
        return new(PreLaunchChecks.VariantConfigs, CheckStatus.Pass, $"The configs of all {variants.Length} variants parse.");
    }

    private static PreLaunchCheck Warn(string reason) => new(PreLaunchChecks.VariantConfigs, CheckStatus.Warn, reason);

    private static SortedSet<string>? Fields(JsonElement config) =>
        config.ValueKind == JsonValueKind.Object
            ? new SortedSet<string>(config.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal)
            : null;

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
