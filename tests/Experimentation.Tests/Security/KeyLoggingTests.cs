using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Security;

/// <summary>No log line of the silo or the gateway holds a key, whatever was done with it (the fixture captures them all).</summary>
[Collection(SecurityCollection.Name)]
public sealed class KeyLoggingTests(SecurityFixture fixture)
{
    [Fact]
    public async Task No_log_line_contains_a_key_or_a_part_of_one()
    {
        var key = await fixture.IssueAsync(Samples.Key("logged"), fixture.Alpha, "viewer");
        using (var good = fixture.Platform.CreateClient(key)) await good.GetAsync("/api/experiments");
        using (var forbidden = fixture.Platform.CreateClient(key)) await forbidden.PostAsync("/api/namespaces", new StringContent("{}"));
        using (var truncated = fixture.Platform.CreateClient(key[..^3])) await truncated.GetAsync("/api/experiments");
        using (var failing = fixture.Platform.CreateClient(key)) await failing.GetAsync("/api/experiments/NOT_A_KEY/history");

        Assert.NotEmpty(fixture.Logs.Lines);
        foreach (var secret in fixture.Secrets)
        {
            // 12 characters of the random part: more than any accident of base64 could match.
            var fragment = secret[4..16];
            Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(fragment, StringComparison.Ordinal));
        }
    }
}
