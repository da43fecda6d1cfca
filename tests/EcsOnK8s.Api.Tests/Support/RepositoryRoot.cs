namespace EcsOnK8s.Api.Tests.Support;

/// <summary>The repository checkout the tests run from: the folder holding EcsOnK8s.sln above the output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EcsOnK8s.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no EcsOnK8s.sln above {AppContext.BaseDirectory}");
    }
}
