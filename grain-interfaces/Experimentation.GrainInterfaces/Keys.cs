using System.Text.RegularExpressions;

namespace Experimentation.GrainInterfaces;

/// <summary>The key pattern shared by experiments, variants, namespaces and metrics: URL-safe and lower case.</summary>
public static partial class Keys
{
    public const string Pattern = "^[a-z0-9][a-z0-9_-]{0,127}$";

    /// <summary>The most of a key any message repeats back.</summary>
    public const int MaxEchoedLength = 64;

    public static bool IsValid(string? key) => key is not null && KeyRegex().IsMatch(key);

    /// <summary>
    /// A key as a message may repeat it: the first <see cref="MaxEchoedLength"/> characters, marked when cut. A path or
    /// query string can carry a key of any length, and echoing all of it would let the caller size our answer.
    /// </summary>
    public static string Clip(string key) => key.Length <= MaxEchoedLength ? key : key[..MaxEchoedLength] + "…";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();
}
