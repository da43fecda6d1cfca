namespace EcsOnK8s.Translation.Tests.Golden;

/// <summary>
/// One folder of the golden corpus: <c>taskdef.json</c> plus optional <c>service.json</c>, <c>scaling.json</c>,
/// <c>run-task.json</c>, <c>schedule.json</c>, <c>cluster.yaml</c> and <c>args</c> (extra CLI arguments, one per
/// line). Folders named <c>rejected-*</c> must be refused (exit code 1). The expected manifests and report are
/// <c>expected.yaml</c> and <c>report.txt</c> when every Kubernetes version renders the same bytes, and
/// <c>expected-{version}.yaml</c> and <c>report-{version}.txt</c> only where the versions differ.
/// </summary>
public sealed record GoldenCase(string Name, string Folder)
{
    public static readonly string[] Versions = ["1.30", "1.20"];

    public bool ExpectRejected => Name.StartsWith("rejected-", StringComparison.Ordinal);

    public static IEnumerable<GoldenCase> All() =>
        Directory.GetDirectories(RepositoryPaths.GoldenCases)
            .Where(d => File.Exists(Path.Combine(d, "taskdef.json")))
            .Order(StringComparer.Ordinal)
            .Select(d => new GoldenCase(Path.GetFileName(d), d));

    /// <summary>The CLI arguments that convert this case for a Kubernetes version.</summary>
    public IReadOnlyList<string> Arguments(string version, string report = "full")
    {
        var args = new List<string> { In("taskdef.json") };
        void Optional(string flag, string file)
        {
            if (File.Exists(In(file)))
            {
                args.Add(flag);
                args.Add(In(file));
            }
        }

        Optional("--service", "service.json");
        Optional("--scaling", "scaling.json");
        Optional("--run-task", "run-task.json");
        Optional("--schedule", "schedule.json");
        Optional("--cluster", "cluster.yaml");
        if (File.Exists(In("args")))
        {
            args.AddRange(File.ReadAllLines(In("args")).Where(l => l.Length > 0));
        }

        args.AddRange(["--kubernetes-version", version, "--report", report]);
        return args;
    }

    public string In(string file) => Path.Combine(Folder, file);

    /// <summary>The file shared by every version: <c>expected.yaml</c> for <paramref name="stem"/> "expected".</summary>
    public string Shared(string stem, string extension) => In($"{stem}.{extension}");

    /// <summary>The file of one version: <c>expected-1.20.yaml</c>.</summary>
    public string OfVersion(string stem, string extension, string version) => In($"{stem}-{version}.{extension}");

    /// <summary>The file holding what <paramref name="version"/> must render: its own if it has one, else the shared one.</summary>
    public string Expected(string stem, string extension, string version) =>
        File.Exists(OfVersion(stem, extension, version)) ? OfVersion(stem, extension, version) : Shared(stem, extension);

    public override string ToString() => Name;
}
