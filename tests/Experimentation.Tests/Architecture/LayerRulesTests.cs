using System.Reflection;

namespace Experimentation.Tests.Architecture;

/// <summary>
/// The tree's rules as the compiler sees them: what each of our assemblies references, directly or through another of
/// ours (docs/architecture.md).
/// </summary>
public sealed class LayerRulesTests
{
    private static readonly string[] Frameworks = ["Orleans", "Marten", "Microsoft.AspNetCore", "Npgsql", "JasperFx"];

    [Theory]
    [InlineData("Experimentation.Statistics")]
    [InlineData("Experimentation.Assignment")]
    [InlineData("Experimentation.Client")]
    public void ThePureLibrariesAndTheHttpClientReferenceNoOrleansMartenOrAspNetCore(string assembly)
    {
        var forbidden = Closure(assembly).Where(name => Frameworks.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)));

        Assert.Empty(forbidden);
    }

    [Fact]
    public void TheGrainInterfacesReferenceNeitherAspNetCoreNorMartenNorTheGrains()
    {
        var closure = Closure("Experimentation.GrainInterfaces");

        Assert.DoesNotContain(closure, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("Marten", StringComparison.Ordinal));
        Assert.DoesNotContain("Experimentation.Grains", closure);
    }

    [Fact]
    public void NothingBelowTheGatewayReferencesIt()
    {
        foreach (var lower in new[] { "Experimentation.Grains", "Experimentation.GrainInterfaces", "Experimentation.Statistics", "Experimentation.Client.Orleans" })
            Assert.DoesNotContain("Experimentation.Gateway", Closure(lower));
    }

    [Fact]
    public void TheDashboardCallsGrainContractsNeverTheGrainsNorTheApiOverHttp()
    {
        Assert.DoesNotContain("Experimentation.Grains", Closure("Experimentation.Dashboard"));
        // Its own code holds no HTTP client: pages call the grains in process, as the API does (docs/dashboard.md).
        Assert.DoesNotContain(Assembly.Load("Experimentation.Dashboard").GetReferencedAssemblies(), r => r.Name == "System.Net.Http");
    }

    /// <summary>The names of every assembly <paramref name="root"/> references, following only our own assemblies.</summary>
    private static HashSet<string> Closure(string root)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<AssemblyName>([new AssemblyName(root)]);
        while (pending.TryPop(out var next))
        {
            foreach (var reference in Assembly.Load(next).GetReferencedAssemblies())
                if (seen.Add(reference.Name!) && reference.Name!.StartsWith("Experimentation.", StringComparison.Ordinal))
                    pending.Push(reference);
        }
        return seen;
    }
}
