namespace Experimentation.Propagation;

/// <summary>Command-line settings. Only loopback targets are accepted: this is a load of a local platform.</summary>
internal sealed record PropagationSettings(Uri Url, int Changes, int Experiments, string? Error = null)
{
    /// <summary>The whole run, setup and cleanup included, stops by itself after this long.</summary>
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromMinutes(10);

    /// <summary>A change not seen by the subscriber within this long counts as missed.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public static PropagationSettings Parse(string[] args)
    {
        var url = new Uri("http://127.0.0.1:8080");
        int changes = 100;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url" when Uri.TryCreate(args[i + 1], UriKind.Absolute, out var parsed):
                    url = parsed;
                    break;
                case "--changes" when int.TryParse(args[i + 1], out var n) && n is >= 10 and <= 1_000:
                    changes = n;
                    break;
                default:
                    return new(url, changes, 0, $"Unknown or invalid argument {args[i]} {args[i + 1]}; use --url <loopback URL> and --changes <10..1000>.");
            }
        }
        if (args.Length % 2 != 0)
            return new(url, changes, 0, $"Argument {args[^1]} has no value.");
        if (!url.IsLoopback)
            return new(url, changes, 0, $"{url} is not a loopback address; this benchmark only targets a platform on this machine.");
        return new(url, changes, Experiments: 5);
    }
}
