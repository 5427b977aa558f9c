namespace Experimentation.GrainInterfaces.Webhooks;

/// <summary>
/// Where a delivery stands: pending (sending or waiting to retry), delivered (a 2xx answer), failed (no 2xx within the
/// retry window), disabled (its webhook was disabled or deleted first).
/// </summary>
[GenerateSerializer]
public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
    Disabled,
}
