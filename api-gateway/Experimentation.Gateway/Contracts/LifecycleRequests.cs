using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Gateway.Contracts;

/// <summary>The body of POST /api/experiments/{key}/pause.</summary>
public sealed record PauseRequest(string? Reason);

/// <summary>The optional body of POST /api/experiments/{key}/resume; a reason is required to override a guardrail pause.</summary>
public sealed record ResumeRequest(string? Reason);

/// <summary>The body of POST /api/experiments/{key}/conclude. A ship decision names the winning variant.</summary>
public sealed record ConcludeRequest(ConclusionDecision? Decision, string? WinningVariant);

/// <summary>The body of POST /api/experiments/{key}/traffic: the new traffic percent, 0–100.</summary>
public sealed record TrafficRequest(double? Percent);
