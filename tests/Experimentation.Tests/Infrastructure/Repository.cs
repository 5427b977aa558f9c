namespace Experimentation.Tests.Infrastructure;

/// <summary>The checkout the tests were built from, for tests that run its scripts or tools.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Experimentation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Experimentation.sln not found above the tests.");
    }
}
