namespace Experimentation.Tests.Infrastructure;

/// <summary>Where the product's executables are built, beside these tests.</summary>
internal static class BuildOutput
{
    /// <summary>bin/&lt;Configuration&gt;/net10.0 of the tests maps to the same folder of the project.</summary>
    public static string Dll(string projectFolder, string assembly)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var dll = Path.Combine(Root, projectFolder, "bin", configuration, framework, assembly);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {projectFolder} first.", dll);
    }

    /// <summary>The checkout: the folder holding Experimentation.sln.</summary>
    public static string Root
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Experimentation.sln"))) root = root.Parent;
            return root?.FullName ?? throw new InvalidOperationException("Experimentation.sln not found above the tests.");
        }
    }
}
