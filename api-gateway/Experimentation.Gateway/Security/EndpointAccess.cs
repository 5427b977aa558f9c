using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Security;

/// <summary>
/// Every gateway endpoint's access level, by endpoint name, in one table that reads like docs/security.md's and
/// tests/…/Security/access-matrix.csv. An endpoint of the gateway that is not listed here, and declares nothing itself
/// (<see cref="Access.RequireAccess{TBuilder}"/> or AllowAnonymous), gets the fallback: the installation admin only.
/// Rate limits follow a rule instead, so that no write can be forgotten: see <see cref="RateLimitOf"/>.
/// </summary>
public static class EndpointAccess
{
    public static readonly IReadOnlyDictionary<string, string> Levels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Experiments: read by every reader; changed by the owner team's experimenters and admins (the grain checks the team).
        ["ListExperiments"] = Access.Read, ["GetExperiment"] = Access.Read, ["ExperimentHistory"] = Access.Read,
        ["CreateExperiment"] = Access.Write, ["UpdateDraft"] = Access.Write, ["StartExperiment"] = Access.Write,
        ["PauseExperiment"] = Access.Write, ["ResumeExperiment"] = Access.Write, ["ConcludeExperiment"] = Access.Write,
        ["ArchiveExperiment"] = Access.Write, ["ChangeTraffic"] = Access.Write,
        // Review: the owner team submits; reviewers and admins (never the author: the grain's rule) decide.
        ["SubmitExperiment"] = Access.Write, ["ApproveExperiment"] = Access.Review, ["RequestChanges"] = Access.Review,
        ["PreLaunchChecks"] = Access.Read, ["GetReviewSetting"] = Access.Read, ["SetReviewSetting"] = Access.InstallationAdmin,
        ["ExperimentResults"] = Access.Read, ["HoldoutResults"] = Access.Read, ["ExperimentLooks"] = Access.Read, ["ExperimentSequentialResults"] = Access.Read,
        // Metrics: any team's experimenters register their own; any reader may read (and bind) any team's.
        ["ListMetrics"] = Access.Read, ["GetMetric"] = Access.Read, ["CreateMetric"] = Access.Write,
        // Shared by every team: the installation admin's.
        ["ListNamespaces"] = Access.Read, ["GetNamespace"] = Access.Read, ["CreateNamespace"] = Access.InstallationAdmin,
        ["SetHoldout"] = Access.InstallationAdmin,
        ["CreateWebhook"] = Access.InstallationAdmin, ["ListWebhooks"] = Access.InstallationAdmin, ["GetWebhook"] = Access.InstallationAdmin,
        ["DeleteWebhook"] = Access.InstallationAdmin, ["WebhookDeliveries"] = Access.InstallationAdmin,
        // What services call: every role, the sdk's included; events not for the read-only roles.
        ["GetConfig"] = Access.Any, ["StreamConfig"] = Access.Any, ["Assign"] = Access.Any, ["IngestEvents"] = Access.Ingest,
        // Computations on the caller's own numbers: readers.
        ["AnalyzeSufficientStatistics"] = Access.Read, ["AnalyzeSequence"] = Access.Read, ["CalculatePower"] = Access.Read,
        // Identity: teams by the installation admin; users and keys by admins (a team admin's limited to its team by the grain).
        ["ListTeams"] = Access.Read, ["CreateTeam"] = Access.InstallationAdmin,
        ["ListUsers"] = Access.Admin, ["CreateUser"] = Access.Admin, ["DeleteUser"] = Access.Admin,
        ["ListKeys"] = Access.Admin, ["CreateKey"] = Access.Admin, ["RevokeKey"] = Access.Admin,
        ["ListAudit"] = Access.Read,
    };

    /// <summary>
    /// The rate-limit policy of an endpoint: events, assign and the analysis computations have their own; every other
    /// method but GET is a write. Reads of stored state are not limited.
    /// </summary>
    public static string? RateLimitOf(string? method, string route) => route switch
    {
        _ when route.StartsWith("/api/events", StringComparison.Ordinal) => RateLimits.Events,
        _ when route.StartsWith("/api/assign", StringComparison.Ordinal) => RateLimits.Assign,
        _ when route.StartsWith("/api/analysis", StringComparison.Ordinal) || route.StartsWith("/api/power", StringComparison.Ordinal) => RateLimits.Analysis,
        _ when method is not null && method != HttpMethods.Get && method != HttpMethods.Head => RateLimits.Writes,
        _ => null,
    };

    /// <summary>Applies the table and the rate-limit rule to every endpoint of <paramref name="group"/>, after their own conventions.</summary>
    public static void Apply(IEndpointConventionBuilder group) => group.Finally(endpoint =>
    {
        var declared = endpoint.Metadata.Any(m => m is IAuthorizeData or IAllowAnonymous);
        var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        if (!declared && name is not null && Levels.TryGetValue(name, out var level))
            endpoint.Metadata.Add(new AuthorizeAttribute(level));
        var method = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods.FirstOrDefault();
        var route = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
        if (!endpoint.Metadata.OfType<EnableRateLimitingAttribute>().Any() && RateLimitOf(method, route) is { } limit)
            endpoint.Metadata.Add(new EnableRateLimitingAttribute(limit));
    });
}
