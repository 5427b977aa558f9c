using System.Text;

namespace Experimentation.GrainInterfaces.Webhooks;

/// <summary>What a caller asks for: a receiver URL, the HMAC secret, and the alert events it wants.</summary>
/// <remarks>The secret is left out of <see cref="ToString"/>, so a logged request never shows it.</remarks>
[GenerateSerializer, Immutable]
public sealed record WebhookSubscription(string? Url, string? Secret, string[]? Events)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url).Append(", Secret = ").Append(Secret is null ? "null" : "***")
            .Append(", Events = [").Append(string.Join(", ", Events ?? [])).Append(']');
        return true;
    }
}
