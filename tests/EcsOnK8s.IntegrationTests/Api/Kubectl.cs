namespace EcsOnK8s.IntegrationTests.Api;

/// <summary>
/// The kubectl the tests run: <c>ECSONK8S_KUBECTL</c> when set, else the oldest versioned kubectl installed beside the
/// one on PATH (kubectl.1.27, ...; the closest to the 1.20 API server), else kubectl from PATH.
/// </summary>
internal static class Kubectl
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("ECSONK8S_KUBECTL");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
        {
            var candidate = System.IO.Path.Combine(dir, "kubectl");
            if (!File.Exists(candidate))
            {
                continue;
            }

            var resolved = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            var versioned = Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(resolved)!, "kubectl.1.*")
                .Select(f => (File: f, Minor: int.TryParse(System.IO.Path.GetFileName(f)["kubectl.1.".Length..], out var m) ? m : int.MaxValue))
                .Where(v => v.Minor != int.MaxValue)
                .OrderBy(v => v.Minor)
                .Select(v => v.File)
                .FirstOrDefault();
            return versioned ?? candidate;
        }

        return "kubectl";
    }
}
