namespace Experimentation.Grains.Webhooks;

/// <summary>
/// Where the key that encrypts webhook secrets at rest comes from, bound from "Experimentation:Secrets"
/// (docs/automation.md, "Secret storage").
/// </summary>
public sealed class SecretOptions
{
    public const string Section = "Experimentation:Secrets";

    /// <summary>
    /// The AES-256 key as base64 (32 bytes). Every silo of a cluster needs the same key: set it from a secret store in
    /// production. When empty, <see cref="KeyFile"/> is used.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>
    /// A file holding the key as base64, created (mode 0600) with a random key on first use. Defaults to
    /// <c>experimentation/secrets.key</c> in the user's local application data folder; scripts/run.sh points it at
    /// the checkout's <c>.local/secrets.key</c>.
    /// </summary>
    public string? KeyFile { get; set; }

    public string DefaultKeyFile() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "experimentation", "secrets.key");
}
