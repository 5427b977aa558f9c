using Bunit;
using Experimentation.Dashboard.Components.Review;
using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Dashboard.Tests.Components;

/// <summary>The pre-launch checks as the wizard and the Review page show them: each outcome with its reason.</summary>
public sealed class PreLaunchChecksTests : ComponentTest
{
    [Fact]
    public void EachCheckShowsItsOutcomeAndReasonAndAFailureSaysItBlocksSubmission()
    {
        PreLaunchCheck[] checks =
        [
            new("primary_metric", CheckStatus.Pass, "signup is the primary metric."),
            new("duration", CheckStatus.Warn, "The experiment needs 21 days at this traffic.", 21),
            new("guardrails", CheckStatus.Fail, "latency has no tolerance."),
        ];

        var cut = Render<PreLaunchChecks>(p => p.Add(c => c.Checks, checks));

        var items = cut.FindAll("[data-check]");
        Assert.Equal(["primary_metric", "duration", "guardrails"], items.Select(i => i.GetAttribute("data-check")));
        Assert.Equal(["pass", "warn", "fail"], items.Select(i => i.GetAttribute("data-check-status")));
        Assert.Contains("duration · warn: The experiment needs 21 days at this traffic.", items[1].TextContent);
        Assert.Contains("fix the definition first", cut.Find("[data-testid='checks-blocking']").TextContent);
    }

    [Fact]
    public void PassesAndWarningsDoNotBlock()
    {
        var cut = Render<PreLaunchChecks>(p => p.Add(c => c.Checks, [new PreLaunchCheck("mde", CheckStatus.Warn, "The MDE is large.")]));

        Assert.Empty(cut.FindAll("[data-testid='checks-blocking']"));
    }

    [Fact]
    public void NoChecksSaysWhatToDo()
    {
        var cut = Render<PreLaunchChecks>(p => p.Add(c => c.Checks, Array.Empty<PreLaunchCheck>()));

        Assert.Contains("save the draft", cut.Find("[data-testid='checks-empty']").TextContent);
    }
}
