namespace Experimentation.GrainInterfaces.Webhooks;

/// <summary>Active webhooks get deliveries; a receiver that answers 410 Gone disables its webhook for good.</summary>
[GenerateSerializer]
public enum WebhookStatus
{
    Active,
    Disabled,
}
