namespace Experimentation.LoadGen;

/// <summary>Command-line settings: <c>--name value</c> pairs, all optional.</summary>
/// <param name="ApiKey">The gateway key: --key, else EXPERIMENTATION_API_KEY, else the file --key-file (default
/// .local/admin.key, which scripts/run.sh's first start writes).</param>
public sealed record LoadOptions(string Url, string? Postgres, long Events, int Batch, int Concurrency, int EventsPerUser, string Mode,
    int SnapshotSeconds, string? ApiKey)
{
    /// <summary>The environment variable the load generator (and the docs' examples) read a key from.</summary>
    public const string ApiKeyVariable = "EXPERIMENTATION_API_KEY";

    public static LoadOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string fallback) => map.GetValueOrDefault(key, fallback);
        return new LoadOptions(
            Get("url", "http://127.0.0.1:8080"),
            map.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("EXPERIMENTATION_POSTGRES"),
            long.Parse(Get("events", "1000000")),
            int.Parse(Get("batch", "1000")),
            int.Parse(Get("concurrency", "8")),
            int.Parse(Get("events-per-user", "5")),
            Get("mode", "ingest"),
            // The results query while every shard rewrites its snapshot; 0 skips that phase.
            int.Parse(Get("snapshot-seconds", "30")),
            map.GetValueOrDefault("key") ?? Environment.GetEnvironmentVariable(ApiKeyVariable) ?? ReadKey(Get("key-file", Path.Combine(".local", "admin.key"))));
    }

    private static string? ReadKey(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
