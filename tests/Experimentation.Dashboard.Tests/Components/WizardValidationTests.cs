using Bunit;
using Experimentation.Dashboard.Components.Shared;
using Experimentation.Dashboard.Components.Wizard;
using Experimentation.Dashboard.Services;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;

namespace Experimentation.Dashboard.Tests.Components;

/// <summary>
/// The wizard's form: its own checks speak the API's words, a refusal from the grain shows beside the field it names,
/// weights read as shares, and the slot-map preview warns of a collision. (Saving through the real grain is the
/// browser scenario's part.)
/// </summary>
public sealed class WizardValidationTests : ComponentTest
{
    public WizardValidationTests()
    {
        Render<MudBlazor.MudPopoverProvider>();
    }

    [Fact]
    public void AMissingNameIsRefusedWithTheApisMessageBeforeAnythingIsSent()
    {
        var draft = new ExperimentDraft { Key = "checkout", Hypothesis = "h", OwnerTeam = "growth" };

        var (definition, error) = draft.ToDefinition();

        Assert.Null(definition);
        Assert.Equal(CommandError.Invalid("name", "is required"), error);
    }

    [Fact]
    public void AKeyWithCapitalsIsRefusedWithTheKeyPattern()
    {
        var (_, error) = new ExperimentDraft { Key = "Checkout Test" }.ToDefinition();

        Assert.Equal("key", error?.Field);
        Assert.StartsWith("must match ", error?.Message);
    }

    [Fact]
    public void ConfigThatIsNotJsonNamesTheVariant()
    {
        var draft = new ExperimentDraft { Key = "checkout", Name = "n", Hypothesis = "h", OwnerTeam = "growth" };
        draft.Variants[1].Config = "{not json";

        Assert.Equal("variants[1].config", draft.ToDefinition().Error?.Field);
    }

    [Fact]
    public void PercentagesBecomeTheApisFractions()
    {
        var draft = new ExperimentDraft { Key = "checkout", Name = "n", Hypothesis = "h", OwnerTeam = "growth", MdePercent = 2.5 };
        draft.Metrics.Add(new() { MetricKey = "latency", Role = MetricRole.Guardrail, Direction = MetricDirection.LowerBetter, MaxDegradationPercent = 5 });

        var definition = draft.ToDefinition().Definition!;

        Assert.Equal(0.025, definition.Mde!.Value, 12);
        Assert.Equal(0.05, definition.Metrics[0].MaxDegradation, 12);
        Assert.Equal(MetricDirection.LowerBetter, definition.Metrics[0].Direction);
    }

    [Fact]
    public void AGrainRefusalShowsBesideTheWeightItNames()
    {
        var errors = new FieldErrors();
        errors.Set(CommandError.Invalid("variants[1].weight", "must be a positive integer"));

        var form = Render<ExperimentForm>(p => p.Add(f => f.Draft, new ExperimentDraft()).Add(f => f.Errors, errors));

        Assert.Contains("variants[1].weight must be a positive integer", form.Find("[data-testid='variant-1']").TextContent);
        Assert.DoesNotContain("must be a positive integer", form.Find("[data-testid='variant-0']").TextContent);
        Assert.Empty(form.FindAll("[data-testid='form-error']"));
    }

    [Fact]
    public void ARefusalWithoutAFieldShowsAboveTheSaveButton()
    {
        var errors = new FieldErrors();
        errors.Set(CommandError.Conflict("An experiment with key 'checkout' already exists."));

        var form = Render<ExperimentForm>(p => p.Add(f => f.Draft, new ExperimentDraft()).Add(f => f.Errors, errors));

        Assert.Contains("already exists", form.Find("[data-testid='form-error']").TextContent);
    }

    [Fact]
    public void WeightsReadAsSharesOfTheTotal()
    {
        var draft = new ExperimentDraft();
        draft.Variants[1].Weight = 3;

        var form = Render<ExperimentForm>(p => p.Add(f => f.Draft, draft).Add(f => f.Errors, new FieldErrors()));

        Assert.Equal("25.0%", form.Find("[data-testid='share-0']").TextContent.Trim());
        Assert.Equal("75.0%", form.Find("[data-testid='share-1']").TextContent.Trim());
    }

    [Fact]
    public void AClaimThatCannotFitWarnsNamingTheExperimentsInTheWay()
    {
        var ns = new NamespaceView("search", 100, "salt", [new SlotRange("ranking", 0, 40), new SlotRange("autocomplete", 60, 100)], DateTimeOffset.UnixEpoch);
        var draft = new ExperimentDraft { NamespaceKey = "search", NamespaceSlots = 30 };

        var form = Render<ExperimentForm>(p => p.Add(f => f.Draft, draft).Add(f => f.Errors, new FieldErrors()).Add(f => f.Namespaces, [ns]));

        var warning = form.Find("[data-testid='collision-warning']").TextContent;
        Assert.Contains("ranking [0, 40)", warning);
        Assert.Contains("autocomplete [60, 100)", warning);
        Assert.Contains("Free: [40, 60) 20 slots", form.Find("[data-testid='free-ranges']").TextContent);
    }

    [Fact]
    public void AClaimThatFitsShowsWhereItWouldLand()
    {
        var ns = new NamespaceView("search", 100, "salt", [new SlotRange("ranking", 0, 40)], DateTimeOffset.UnixEpoch);
        var draft = new ExperimentDraft { Key = "new-one", NamespaceKey = "search", NamespaceSlots = 30 };

        var form = Render<ExperimentForm>(p => p.Add(f => f.Draft, draft).Add(f => f.Errors, new FieldErrors()).Add(f => f.Namespaces, [ns]));

        Assert.Empty(form.FindAll("[data-testid='collision-warning']"));
        Assert.Contains("would claim [40, 70)", form.Markup);
    }

    [Fact]
    public void ThePowerCalculatorGivesTheApisSampleSizeAndTheDays()
    {
        // POST /api/power with conversion 0.10, mde 0.02 relative gives 353,200 per arm (its own tests pin the engine).
        var form = Render<ExperimentForm>(p => p.Add(f => f.Draft, new ExperimentDraft()).Add(f => f.Errors, new FieldErrors()));

        var result = form.Find("[data-testid='power-result']").TextContent;
        Assert.Contains("353,200 users per arm (706,400 in all)", result);
        Assert.Contains("about 71 days at 10,000 enrolled users a day", result);
    }
}
