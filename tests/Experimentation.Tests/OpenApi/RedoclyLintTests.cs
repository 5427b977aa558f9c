using System.Diagnostics;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.OpenApi;

/// <summary>
/// The live OpenAPI document passes Redocly CLI's recommended ruleset with no errors (the CLI is pinned in
/// tests/openapi/package-lock.json; scripts/test.sh installs it with npm ci).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RedoclyLintTests(PlatformFixture platform)
{
    [Fact]
    public async Task TheDocumentHasNoErrorsUnderRedoclysRecommendedRules()
    {
        var cli = Path.Combine(Repository.Root, "tests", "openapi", "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(cli), $"{cli} is missing: run `npm ci --prefix tests/openapi` (scripts/test.sh does).");
        var document = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await platform.Http.GetStringAsync("/openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo(cli, ["lint", "--extends=recommended", "--format=stylish", document])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"redocly lint exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(document);
        }
    }
}
