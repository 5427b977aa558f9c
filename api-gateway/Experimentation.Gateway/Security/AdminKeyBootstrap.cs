using Experimentation.GrainInterfaces.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Experimentation.Gateway.Security;

/// <summary>
/// Makes sure an installation can be administered on its first start: the key from EXPERIMENTATION_ADMIN_KEY is
/// registered, or, when no key exists at all, a new one is written to <see cref="AuthOptions.AdminKeyFile"/> (mode
/// 0600) and registered. Only the file's path is logged, never the key.
/// </summary>
public sealed class AdminKeyBootstrap(IGrainFactory grains, IConfiguration configuration, IOptions<AuthOptions> options, ILogger<AdminKeyBootstrap> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var identity = grains.GetGrain<IIdentityGrain>(0);
        if (configuration[AuthOptions.AdminKeyVariable] is { Length: > 0 } supplied)
        {
            if (supplied.Length < AuthOptions.MinSuppliedKeyLength || ApiKeyAuthenticationHandler.ParseBearer("Bearer " + supplied) is null)
                throw new OptionsValidationException(AuthOptions.AdminKeyVariable, typeof(AuthOptions),
                    [$"{AuthOptions.AdminKeyVariable} must be at least {AuthOptions.MinSuppliedKeyLength} characters of A-Z, a-z, 0-9, - . _ ~ + / ="]);
            var key = await identity.RegisterBootstrapKey(KeyHash.Of(supplied));
            logger.LogInformation("The installation admin key (id {KeyId}) comes from {Variable}", key.Id, AuthOptions.AdminKeyVariable);
            return;
        }
        if (await identity.AnyKeys()) return;

        var path = Path.GetFullPath(options.Value.AdminKeyFile);
        var secret = KeyHash.NewKey();
        // The file first: if registering fails, the next start finds no key and writes a new one over it.
        Write(path, secret);
        var registered = await identity.RegisterBootstrapKey(KeyHash.Of(secret));
        logger.LogWarning("No API key existed: created the installation admin key (id {KeyId}) and wrote it to {Path}", registered.Id, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Created with mode 0600 from the start, so the key is never readable by others, even for an instant.
    private static void Write(string path, string secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, file);
        writer.Write(secret + "\n");
    }
}
