using EcsOnK8s.Operator.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace EcsOnK8s.Operator.Hosting;

/// <summary>The Serilog logger of the host: compact JSON for log collectors, one readable line per event otherwise.</summary>
public static class OperatorLogging
{
    public const string TextTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Serilog.Core.Logger CreateLogger(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.LogLevel)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        configuration = options.JsonLogs
            ? configuration.WriteTo.Console(new RenderedCompactJsonFormatter())
            : configuration.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return configuration.CreateLogger();
    }
}
