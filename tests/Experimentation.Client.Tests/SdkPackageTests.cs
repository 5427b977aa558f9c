using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Experimentation.Assignment;

namespace Experimentation.Client.Tests;

/// <summary>
/// The SDK as a user gets it: scripts/pack.sh packs it from this checkout, a throwaway console project restores it from
/// that folder feed, and the program assigns against a server that speaks the gateway's protocol.
/// </summary>
/// <remarks>
/// pack.sh builds into a folder of its own, so packing never touches the bin/ and obj/ that the test projects beside
/// it may be building. A version unique to the run keeps NuGet's cache from serving packages of an earlier run. The
/// test runs in a collection of its own, alone: its child builds take both cores of a small machine, which would
/// starve the timing and allocation tests beside it.
/// </remarks>
[Collection(nameof(SdkPackageTests))]
public sealed class SdkPackageTests : IDisposable
{
    private static readonly string[] Packages =
        ["Experimentation.Assignment", "Experimentation.Client", "Experimentation.Client.Orleans", "Experimentation.GrainInterfaces"];
    private static readonly string[] Frameworks = ["Microsoft.Orleans", "Marten", "Microsoft.AspNetCore", "Npgsql"];
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    private readonly string _work = Directory.CreateTempSubdirectory("experimentation-sdk-").FullName;
    private readonly string _version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ThePackedSdkRestoresIntoAConsoleProjectAndAssignsLikeTheLibrary()
    {
        string feed = await PackAsync();
        string commit = (await Command.RunAsync("git", ["rev-parse", "HEAD"], Root, StepTimeout)).Trim();
        string? origin = await OriginUrlAsync();
        foreach (var id in Packages)
            AssertMetadata(Path.Combine(feed, $"{id}.{_version}.nupkg"), id, commit, origin);
        var clientDependencies = Dependencies(Path.Combine(feed, $"Experimentation.Client.{_version}.nupkg"));
        Assert.Contains("Experimentation.Assignment", clientDependencies);
        Assert.DoesNotContain(clientDependencies, dependency => Frameworks.Any(f => dependency.StartsWith(f, StringComparison.Ordinal)));

        string consumer = Path.Combine(_work, "consumer");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "PackageConsumer"), consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="sdk-under-test" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        await Command.RunAsync("dotnet", ["build", "-c", "Release", $"-p:ExperimentationVersion={_version}"], consumer, StepTimeout);

        var bundle = Bundles.Sample(7);
        await using var server = await ConfigProtocolServer.StartAsync(bundle);
        string output = await Command.RunAsync("dotnet",
            [Path.Combine(consumer, "bin", "Release", "net10.0", "PackageConsumer.dll"), server.Url.ToString(), "checkout", "user-42"],
            consumer, StepTimeout);

        var expected = AssignmentSnapshot.Compile(bundle).Assign("checkout", "user-42");
        Assert.True(expected.IsAssigned);
        Assert.Equal([$"{expected.VariantKey} 7", "Experimentation.Client.Orleans"], output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private async Task<string> PackAsync()
    {
        string feed = Path.Combine(_work, "feed");
        await Command.RunAsync("bash", [Path.Combine(Root, "scripts", "pack.sh"), feed, _version], Root, StepTimeout,
            new Dictionary<string, string> { ["EXPERIMENTATION_PACK_BUILD"] = Path.Combine(_work, "build") });
        return feed;
    }

    private void AssertMetadata(string package, string id, string commit, string? origin)
    {
        using var zip = ZipFile.OpenRead(package);
        var metadata = Metadata(zip);
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(id, Value("id"));
        Assert.Equal(_version, Value("version"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")), $"{id} has no description");
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(commit, repository.Attribute("commit")?.Value);
        // SourceLink publishes origin's URL when it is a web address; a clone of a local path has none to publish.
        if (origin is not null && origin.StartsWith("http", StringComparison.Ordinal))
            Assert.False(string.IsNullOrEmpty(repository.Attribute("url")?.Value), $"{id} does not name its repository {origin}");
        Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{id}.dll");
    }

    private static IEnumerable<string> Dependencies(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return Metadata(zip).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToArray();
    }

    private static XElement Metadata(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static async Task<string?> OriginUrlAsync()
    {
        try
        {
            return (await Command.RunAsync("git", ["remote", "get-url", "origin"], Root, StepTimeout)).Trim();
        }
        catch (InvalidOperationException)
        {
            return null;   // no origin: git exits non-zero
        }
    }

    private static string Root { get; } = RepositoryRoot();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Experimentation.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Experimentation.sln above {AppContext.BaseDirectory}.");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            File.Copy(file, EnsureParent(Path.Combine(to, relative)));
        }
    }

    private static string EnsureParent(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}

/// <summary>Runs <see cref="SdkPackageTests"/> after every parallel collection, with nothing beside it.</summary>
[CollectionDefinition(nameof(SdkPackageTests), DisableParallelization = true)]
public sealed class SdkPackageCollection;
