using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Webhooks;

/// <summary>Reads the 256-bit key that encrypts webhook secrets: from configuration, else from a key file made once.</summary>
public static class SecretKey
{
    public const int Bytes = 32;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <exception cref="InvalidOperationException">The configured key or the key file does not hold 32 base64 bytes.</exception>
    public static byte[] Load(SecretOptions options, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
            return Decode(options.Key, $"{SecretOptions.Section}:Key");
        var path = string.IsNullOrWhiteSpace(options.KeyFile) ? options.DefaultKeyFile() : options.KeyFile;
        if (!File.Exists(path)) Create(path, logger);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            logger.LogWarning("The webhook secret key file {Path} is readable by others; chmod 600 it", path);
        return Decode(File.ReadAllText(path).Trim(), path);
    }

    private static byte[] Decode(string base64, string source)
    {
        var key = new byte[Bytes];
        if (!Convert.TryFromBase64String(base64.Trim(), key, out var written) || written != Bytes)
            throw new InvalidOperationException($"{source} must be {Bytes} bytes as base64 (openssl rand -base64 {Bytes}).");
        return key;
    }

    // Written to a private temporary file and linked into place without overwriting, so two silos starting together on
    // one machine end up with the same key: the loser of the race reads the winner's file.
    private static void Create(string path, ILogger logger)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)));
        try
        {
            File.Move(temporary, path, overwrite: false);
            logger.LogInformation("Created the webhook secret key file {Path}", path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
