namespace Experimentation.Gateway.Contracts;

/// <summary>The body of POST /api/namespaces. TotalSlots defaults to 1,000.</summary>
public sealed record CreateNamespaceRequest(string? Key, int? TotalSlots);

/// <summary>The body of PUT /api/config/holdout: the share of users who see no experiment, in percent (0–50).</summary>
public sealed record HoldoutRequest(double? Percent);
