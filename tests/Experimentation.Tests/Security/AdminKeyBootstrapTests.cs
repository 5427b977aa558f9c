using System.Net;
using System.Net.Http.Headers;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Security;

/// <summary>
/// The first start of the real host on an empty installation, as scripts/run.sh does it: no EXPERIMENTATION_ADMIN_KEY,
/// so the host writes a new admin key to the configured file (mode 0600), logs the path and never the key, and a
/// restart keeps that key instead of making another.
/// </summary>
public sealed class AdminKeyBootstrapTests
{
    [Fact]
    public async Task The_first_start_writes_an_admin_key_file_only_its_owner_can_read_and_a_restart_keeps_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("exp-bootstrap-");
        var file = Path.Combine(folder.FullName, "nested", "admin.key");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["EXPERIMENTATION_ADMIN_KEY"] = "",
                ["Experimentation__Auth__AdminKeyFile"] = file,
            };
            await using var silo = new SiloProcess(database.ConnectionString, environment);
            await silo.StartAsync();

            Assert.True(File.Exists(file), $"no key file; the host said:\n{silo.RecentOutput}");
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var key = File.ReadAllText(file).Trim();
            Assert.StartsWith("exp_", key);
            Assert.Equal(HttpStatusCode.OK, await StatusWith(silo, key));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(silo, TestKeys.Admin));
            Assert.Contains(file, silo.RecentOutput);
            Assert.DoesNotContain(key[4..], silo.RecentOutput);

            silo.Kill();
            await silo.StartAsync();
            Assert.Equal(key, File.ReadAllText(file).Trim());
            Assert.Equal(HttpStatusCode.OK, await StatusWith(silo, key));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<HttpStatusCode> StatusWith(SiloProcess silo, string key)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.GetAsync("/api/keys");
        return response.StatusCode;
    }
}
