using System.Text;

namespace Experimentation.Tests.Security;

/// <summary>A row of access-matrix.csv: an endpoint, a body template, a team scope and the expected outcome per key.</summary>
public sealed record AccessRow(string Method, string Path, string Body, string Scope, IReadOnlyDictionary<string, string> Expected)
{
    /// <summary>The key columns, in the order the test sends them: the installation admin last, so its deletions come after the refusals.</summary>
    public static readonly string[] Keys = ["admin", "experimenter", "reviewer", "viewer", "sdk", "installation_admin"];

    public static IReadOnlyList<AccessRow> Load()
    {
        var file = System.IO.Path.Combine(AppContext.BaseDirectory, "Security", "access-matrix.csv");
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            if (cells.Length != header.Length) throw new FormatException($"access-matrix.csv: '{line}' has {cells.Length} cells, not {header.Length}.");
            var expected = Keys.ToDictionary(k => k, k => cells[Array.IndexOf(header, k)]);
            return new AccessRow(cells[0], cells[1], cells[2], cells[3], expected);
        }).ToArray();
    }

    /// <summary>A route as the table and the endpoint data source can both be compared: parameters as {}, no query, no trailing slash.</summary>
    public static string Normalize(string route)
    {
        // A parameter's constraint may hold braces of its own ({name:regex(^a{2}$)}), so the outermost pair is replaced.
        var path = new StringBuilder();
        var depth = 0;
        foreach (var c in route.Split('?')[0])
        {
            if (c == '{' && depth++ == 0) path.Append("{}");
            else if (c == '}') depth--;
            else if (depth == 0) path.Append(c);
        }
        var normal = path.ToString();
        return normal.Length > 1 ? normal.TrimEnd('/') : normal;
    }
}
