using Bunit;
using Experimentation.Dashboard.Components.Layout;
using Experimentation.Dashboard.Security;
using Experimentation.GrainInterfaces.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Experimentation.Dashboard.Tests.Components;

/// <summary>The menu shows each page's link to the roles the API serves that page's data or action.</summary>
public sealed class NavMenuTests : ComponentTest
{
    public static TheoryData<Role, string?, string[]> Menus() => new()
    {
        { Role.Admin, null, ["Experiments", "New experiment", "Holdout", "Review", "Namespaces", "Metrics", "Webhooks", "Keys"] },
        // A team's admin administers its keys, not the installation's webhooks.
        { Role.Admin, "growth", ["Experiments", "New experiment", "Holdout", "Review", "Namespaces", "Metrics", "Keys"] },
        { Role.Experimenter, "growth", ["Experiments", "New experiment", "Holdout", "Namespaces", "Metrics"] },
        { Role.Reviewer, "growth", ["Experiments", "Holdout", "Review", "Namespaces", "Metrics"] },
        { Role.Viewer, "growth", ["Experiments", "Holdout", "Namespaces", "Metrics"] },
    };

    [Theory]
    [MemberData(nameof(Menus))]
    public void EachRoleSeesTheLinksOfWhatTheApiServesIt(Role role, string? team, string[] expected)
    {
        Services.AddSingleton<ICallerSource>(new Fixed(new Caller("key-1", "ada", team, role)));

        var cut = Render<NavMenu>();

        Assert.Equal(expected, cut.FindAll("a").Select(a => a.TextContent.Trim()).ToArray());
    }

    // Every link names an endpoint of the gateway's access table (an unknown name would throw on every page).
    [Fact]
    public void EveryLinkNamesAnEndpointOfTheAccessTable()
    {
        foreach (var link in NavLinks.All)
            Assert.True(Experimentation.Gateway.Security.EndpointAccess.Levels.ContainsKey(link.Endpoint), link.Endpoint);
        Assert.False(NavLinks.MayCreateExperiments(new Caller("key-2", "vera", "growth", Role.Viewer)));
        Assert.True(NavLinks.MayCreateExperiments(new Caller("key-3", "eve", "growth", Role.Experimenter)));
    }

    private sealed class Fixed(Caller caller) : ICallerSource
    {
        public Task<Caller?> CurrentAsync() => Task.FromResult<Caller?>(caller);
    }
}
