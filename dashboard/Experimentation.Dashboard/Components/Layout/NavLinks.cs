using Experimentation.Dashboard.Security;
using Experimentation.GrainInterfaces.Security;
using MudBlazor;

namespace Experimentation.Dashboard.Components.Layout;

/// <summary>
/// The dashboard's pages and, for each, the API endpoint whose access level decides who sees its link: the page shows
/// that endpoint's data or does its action, so a link appears exactly for the keys the API would serve.
/// </summary>
public static class NavLinks
{
    public sealed record Link(string Href, string Text, string Icon, string Endpoint);

    public static readonly Link[] All =
    [
        new("/", "Experiments", Icons.Material.Filled.Science, "ListExperiments"),
        new("/experiments/new", "New experiment", Icons.Material.Filled.Add, "CreateExperiment"),
        new("/holdout", "Holdout", Icons.Material.Filled.CompareArrows, "HoldoutResults"),
        new("/review", "Review", Icons.Material.Filled.RateReview, "ApproveExperiment"),
        new("/namespaces", "Namespaces", Icons.Material.Filled.ViewWeek, "ListNamespaces"),
        new("/metrics", "Metrics", Icons.Material.Filled.Insights, "ListMetrics"),
        new("/webhooks", "Webhooks", Icons.Material.Filled.Webhook, "ListWebhooks"),
        new("/keys", "Keys", Icons.Material.Filled.Key, "ListKeys"),
    ];

    /// <summary>The links for the viewer, in menu order.</summary>
    public static IReadOnlyList<Link> For(Caller? caller) => All.Where(l => WritePermission.MayCall(caller, l.Endpoint)).ToArray();

    /// <summary>Whether the viewer may create experiments (the app bar's button).</summary>
    public static bool MayCreateExperiments(Caller? caller) => WritePermission.MayCall(caller, "CreateExperiment");
}
