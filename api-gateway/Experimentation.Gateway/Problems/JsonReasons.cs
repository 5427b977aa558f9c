using System.Text.Json;
using System.Text.RegularExpressions;

namespace Experimentation.Gateway.Problems;

/// <summary>
/// Rewrites System.Text.Json's messages ("could not be converted to System.Nullable`1[...]") into what a caller can
/// act on: the allowed values of an enum, or the JSON kind that was expected.
/// </summary>
internal static partial class JsonReasons
{
    public static string Explain(JsonException json)
    {
        var match = TargetType().Match(json.Message);
        if (!match.Success) return "is not valid JSON here: " + BadRequestExceptionHandler.FirstSentence(json.Message);
        var type = Resolve(match.Groups["type"].Value);
        if (type is null) return "has the wrong type";
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
            return "must be one of: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));
        return "must be " + Kind(type);
    }

    private static string Kind(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "true or false",
        TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => "an integer",
        TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
        TypeCode.String => "a string",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO 8601 date-time string",
        _ when type == typeof(Guid) => "a UUID string",
        _ when type.IsArray => "an array",
        _ => "an object",
    };

    private static Type? Resolve(string name)
    {
        var nullable = NullableOf().Match(name);
        if (nullable.Success) name = nullable.Groups["inner"].Value;
        return AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);
    }

    [GeneratedRegex(@"converted to (?<type>[\w.`\[\]+]+)")]
    private static partial Regex TargetType();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();
}
