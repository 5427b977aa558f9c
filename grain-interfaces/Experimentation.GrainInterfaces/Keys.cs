using System.Text.RegularExpressions;

namespace Experimentation.GrainInterfaces;

/// <summary>The key pattern shared by experiments, variants, namespaces and metrics: URL-safe and lower case.</summary>
public static partial class Keys
{
    public const string Pattern = "^[a-z0-9][a-z0-9_-]{0,127}$";

    public static bool IsValid(string? key) => key is not null && KeyRegex().IsMatch(key);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();
}
