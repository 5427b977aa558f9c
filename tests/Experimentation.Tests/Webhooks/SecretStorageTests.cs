using System.Security.Cryptography;
using Experimentation.Grains.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Experimentation.Tests.Webhooks;

/// <summary>The key that encrypts webhook secrets, and the encryption itself.</summary>
public sealed class SecretStorageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exp-secrets-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void WithoutAConfiguredKeyAKeyFileIsMadeOnceReadableOnlyByItsOwner()
    {
        var options = new SecretOptions { KeyFile = Path.Combine(_folder, "nested", "secrets.key") };

        var first = SecretKey.Load(options, NullLogger.Instance);
        var second = SecretKey.Load(options, NullLogger.Instance);

        Assert.Equal(SecretKey.Bytes, first.Length);
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.KeyFile));
    }

    [Fact]
    public async Task SilosStartingTogetherMakeOneKey()
    {
        // Twenty rounds of eight starts at once: one round rarely loses the race even when the creation is not atomic.
        for (var round = 0; round < 20; round++)
        {
            var folder = Path.Combine(_folder, $"round-{round}");
            var options = new SecretOptions { KeyFile = Path.Combine(folder, "secrets.key") };
            using var start = new Barrier(8);

            // Own threads, not the pool's: eight blocked at the barrier would wait for the pool to grow.
            var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return SecretKey.Load(options, NullLogger.Instance);
            }, TaskCreationOptions.LongRunning)));

            Assert.All(keys, key => Assert.Equal(keys[0], key));
            Assert.Equal(keys[0], SecretKey.Load(options, NullLogger.Instance));
            Assert.Single(Directory.GetFiles(folder));
        }
    }

    [Fact]
    public void AConfiguredKeyWinsAndAMalformedOneStopsTheStart()
    {
        var key = RandomNumberGenerator.GetBytes(SecretKey.Bytes);

        Assert.Equal(key, SecretKey.Load(new SecretOptions { Key = Convert.ToBase64String(key), KeyFile = Path.Combine(_folder, "unused") }, NullLogger.Instance));
        Assert.False(Directory.Exists(_folder));
        var shortKey = Assert.Throws<InvalidOperationException>(() =>
            SecretKey.Load(new SecretOptions { Key = Convert.ToBase64String(new byte[16]) }, NullLogger.Instance));
        Assert.Contains("Experimentation:Secrets:Key", shortKey.Message);
        Assert.Throws<InvalidOperationException>(() => SecretKey.Load(new SecretOptions { Key = "not base64!" }, NullLogger.Instance));
    }

    [Fact]
    public void ASecretDecryptsOnlyWithItsKeyAndForItsWebhook()
    {
        var protector = new SecretProtector(RandomNumberGenerator.GetBytes(SecretKey.Bytes));
        var webhook = Guid.NewGuid();

        var once = protector.Protect("whsec-0123456789abcdef", webhook);
        var twice = protector.Protect("whsec-0123456789abcdef", webhook);

        Assert.Equal("whsec-0123456789abcdef", protector.Unprotect(once, webhook));
        Assert.NotEqual(once, twice);
        Assert.DoesNotContain("whsec", once);
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(once, Guid.NewGuid()));
        Assert.ThrowsAny<CryptographicException>(() => new SecretProtector(RandomNumberGenerator.GetBytes(SecretKey.Bytes)).Unprotect(once, webhook));
        var tampered = once[..^4] + (once[^4] == 'A' ? 'B' : 'A') + once[^3..];
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered, webhook));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
