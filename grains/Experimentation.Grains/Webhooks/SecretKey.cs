using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Webhooks;

/// <summary>Reads the 256-bit key that encrypts webhook secrets: from configuration, else from a key file made once.</summary>
public static class SecretKey
{
    public const int Bytes = 32;

    private const int EncodedLength = (Bytes + 2) / 3 * 4;

    private static readonly TimeSpan WriterGrace = TimeSpan.FromSeconds(5);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <exception cref="InvalidOperationException">The configured key or the key file does not hold 32 base64 bytes.</exception>
    public static byte[] Load(SecretOptions options, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
            return Decode(options.Key, $"{SecretOptions.Section}:Key");
        var path = string.IsNullOrWhiteSpace(options.KeyFile) ? options.DefaultKeyFile() : options.KeyFile;
        if (!File.Exists(path)) TryCreate(path, logger);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            logger.LogWarning("The webhook secret key file {Path} is readable by others; chmod 600 it", path);
        return Decode(ReadWhole(path), path);
    }

    private static byte[] Decode(string base64, string source)
    {
        var key = new byte[Bytes];
        if (!Convert.TryFromBase64String(base64.Trim(), key, out var written) || written != Bytes)
            throw new InvalidOperationException($"{source} must be {Bytes} bytes as base64 (openssl rand -base64 {Bytes}).");
        return key;
    }

    // Created with O_EXCL on the final path, which decides a race between silos starting together on any file system.
    // (A temporary file moved into place without overwriting does not: where hard links are refused, .NET's move checks
    // for the target and then renames, so two silos could both "win" and one would keep a key that was replaced.)
    private static void TryCreate(string path, ILogger logger)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        FileStream file;
        try
        {
            file = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            return;
        }
        using (file)
        {
            // One write of the whole key, so a reader sees either nothing yet or all of it.
            file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes))));
            file.Flush(flushToDisk: true);
        }
        logger.LogInformation("Created the webhook secret key file {Path}", path);
    }

    // A silo that lost the race may open the file between the winner's create and its write: it reads again until the
    // key is there, and after a few seconds gives up and reports the file as it is.
    private static string ReadWhole(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length >= EncodedLength || waited.Elapsed > WriterGrace) return text;
            Thread.Sleep(10);
        }
    }
}
