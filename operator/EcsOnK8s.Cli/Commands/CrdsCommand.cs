using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Cli.Commands;

/// <summary><c>ecsonk8s crds</c>: writes the generated CRDs, or checks that a folder holds exactly them.</summary>
public static class CrdsCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string? outDir = null;
        string? checkDir = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Count:
                    outDir = args[++i];
                    break;
                case "--check" when i + 1 < args.Count:
                    checkDir = args[++i];
                    break;
                default:
                    stderr.WriteLine($"ecsonk8s crds: unexpected argument '{args[i]}' (use --out DIR or --check DIR)");
                    return Program.ExitUsage;
            }
        }

        var crds = CrdGenerator.GenerateYaml();
        if (checkDir is not null)
        {
            var stale = crds
                .Where(c => !File.Exists(Path.Combine(checkDir, c.FileName))
                    || File.ReadAllText(Path.Combine(checkDir, c.FileName)) != c.Yaml)
                .Select(c => c.FileName)
                .ToList();
            foreach (var name in stale)
            {
                stderr.WriteLine($"{Path.Combine(checkDir, name)} is stale: run 'make crds'");
            }

            return stale.Count == 0 ? Program.ExitOk : Program.ExitRejected;
        }

        if (outDir is null)
        {
            foreach (var (_, yaml) in crds)
            {
                stdout.Write("---\n");
                stdout.Write(yaml);
            }

            return Program.ExitOk;
        }

        Directory.CreateDirectory(outDir);
        foreach (var (fileName, yaml) in crds)
        {
            File.WriteAllText(Path.Combine(outDir, fileName), yaml);
            stdout.WriteLine($"wrote {Path.Combine(outDir, fileName)}");
        }

        return Program.ExitOk;
    }
}
