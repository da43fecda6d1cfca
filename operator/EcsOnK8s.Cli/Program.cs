using EcsOnK8s.Cli.Commands;

namespace EcsOnK8s.Cli;

/// <summary>The <c>ecsonk8s</c> command line: offline conversion, schedule previews, event pattern tests and CRD generation.</summary>
public static class Program
{
    public const int ExitOk = 0;
    public const int ExitRejected = 1;
    public const int ExitUsage = 2;

    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        var rest = args[1..];
        return args[0] switch
        {
            "convert" => ConvertCommand.Run(rest, Console.In, Console.Out, Console.Error),
            "crds" => CrdsCommand.Run(rest, Console.Out, Console.Error),
            "schedule" => ScheduleCommand.Run(rest, Console.Out, Console.Error, TimeProvider.System),
            "events" => EventsCommand.Run(rest, Console.In, Console.Out, Console.Error),
            _ => UnknownCommand(args[0]),
        };
    }

    private static int UnknownCommand(string name)
    {
        Console.Error.WriteLine($"ecsonk8s: unknown command '{name}'");
        Console.Error.Write(Usage);
        return ExitUsage;
    }

    public const string Usage = """
        usage: ecsonk8s <command> [options]

        commands:
          convert   convert ECS task definitions and services to Kubernetes manifests or EcsOnK8s resources
          schedule  next fire times of an AWS schedule expression (schedule next EXPRESSION [--timezone TZ] ...)
          events    whether an event matches an EventBridge event pattern (events test-pattern --event-pattern P --event E)
          crds      write the CustomResourceDefinitions of the EcsOnK8s API (--out DIR, --check DIR)

        """;
}
