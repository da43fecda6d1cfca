namespace EcsOnK8s.Translation.Tests;

/// <summary>Locates the repository (the folder holding EcsOnK8s.sln) from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string GoldenCases => Path.Combine(Root, "tests", "EcsOnK8s.Translation.Tests", "Golden");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EcsOnK8s.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EcsOnK8s.sln not found above " + AppContext.BaseDirectory);
    }
}
