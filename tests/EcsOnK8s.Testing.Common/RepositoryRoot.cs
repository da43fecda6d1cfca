namespace EcsOnK8s.Testing.Common;

/// <summary>The repository checkout the tests run from: the folder holding <c>EcsOnK8s.sln</c>.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> _path = new(() =>
        TryFind(AppContext.BaseDirectory) ?? throw new InvalidOperationException($"no EcsOnK8s.sln above {AppContext.BaseDirectory}"));

    /// <summary>The folder holding <c>EcsOnK8s.sln</c> above the test binaries.</summary>
    public static string Path => _path.Value;

    /// <summary>The folder holding <c>EcsOnK8s.sln</c> at or above <paramref name="start"/>, or null.</summary>
    public static string? TryFind(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EcsOnK8s.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>A path inside the repository.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
