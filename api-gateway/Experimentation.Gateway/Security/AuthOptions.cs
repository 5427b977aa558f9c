using System.ComponentModel.DataAnnotations;

namespace Experimentation.Gateway.Security;

/// <summary>Settings of key authentication, section <c>Experimentation:Auth</c> (docs/security.md).</summary>
public sealed class AuthOptions
{
    public const string Section = "Experimentation:Auth";

    /// <summary>The environment variable that supplies the installation admin key instead of a generated one.</summary>
    public const string AdminKeyVariable = "EXPERIMENTATION_ADMIN_KEY";

    /// <summary>The shortest key <see cref="AdminKeyVariable"/> may supply: 32 characters, as a guard against a guessable one.</summary>
    public const int MinSuppliedKeyLength = 32;

    /// <summary>Where the first start writes the generated admin key (mode 0600). scripts/run.sh passes the repository's .local/admin.key.</summary>
    [Required]
    public string AdminKeyFile { get; set; } = Path.Combine(".local", "admin.key");

    /// <summary>
    /// How long the gateway trusts a key it has verified (or refused) before asking again: the longest a revoked key,
    /// or a deleted user's key, keeps working at this gateway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
