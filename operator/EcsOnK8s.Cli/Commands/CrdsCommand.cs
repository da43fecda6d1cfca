using System.CommandLine;
using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Cli.Commands;

/// <summary><c>ecsonk8s crds</c>: writes the generated CRDs, or checks that a folder holds exactly them.</summary>
public static class CrdsCommand
{
    /// <summary>The <c>crds</c> command: <c>--out DIR</c> writes, <c>--check DIR</c> compares, neither prints them.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var outDir = new Option<string>("--out") { Description = "write one file per CRD into DIR (created if missing)", HelpName = "DIR" };
        var checkDir = new Option<string>("--check") { Description = "exit 1 when DIR does not hold exactly the generated CRDs", HelpName = "DIR" };
        var command = new Command("crds", "Writes the CustomResourceDefinitions of the EcsOnK8s API (to stdout without --out), or checks a folder of them.")
        {
            outDir, checkDir,
        };
        command.SetAction(result => Execute(result.GetValue(outDir), result.GetValue(checkDir), io.Out, io.Error));
        return command;
    }

    /// <summary>Runs <c>crds ARGS</c>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        return CliRoot.Run(["crds", .. args], new CliIo(TextReader.Null, stdout, stderr, TimeProvider.System));
    }

    private static int Execute(string? outDir, string? checkDir, TextWriter stdout, TextWriter stderr)
    {
        var crds = CrdGenerator.GenerateYaml();
        if (XmlDocumentation.For(typeof(EcsCluster).Assembly).IsEmpty)
        {
            stderr.WriteLine("ecsonk8s crds: EcsOnK8s.Api.xml is not beside the program: the CRDs have no field descriptions " +
                "(a single-file publish needs the .xml files of its folder)");
        }

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
