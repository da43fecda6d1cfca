using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.Translation.Tests;

/// <summary>Folders of the repository the translation tests read.</summary>
public static class RepositoryPaths
{
    public static string GoldenCases => RepositoryRoot.Combine("tests", "EcsOnK8s.Translation.Tests", "Golden");
}
