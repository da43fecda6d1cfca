namespace EcsOnK8s.Operator.Options;

/// <summary>
/// Reads <c>--flag value</c> and <c>--flag=value</c> into configuration keys. Hand-written rather than
/// AddCommandLine so that an unknown or incomplete flag is an error with a message, not a silently ignored key.
/// </summary>
public static class CommandLineFlags
{
    /// <summary>Configuration keys and values from <paramref name="args"/>; throws on any unusable argument.</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="helpRequested">Set when -h or --help is among the arguments.</param>
    public static Dictionary<string, string?> Parse(IReadOnlyList<string> args, out bool helpRequested)
    {
        ArgumentNullException.ThrowIfNull(args);
        helpRequested = false;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                helpRequested = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                errors.Add($"unexpected argument '{arg}'");
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            var option = OperatorOptionDefinitions.FindByFlag(name);
            if (option is null)
            {
                errors.Add($"unknown flag --{name}");

                // Its value would only add a second, confusing error.
                if (value is null && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    i++;
                }

                continue;
            }

            if (value is null)
            {
                var hasNext = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                if (hasNext)
                {
                    value = args[++i];
                }
                else if (option.ValueHint == "true|false")
                {
                    // A bare boolean flag switches the setting on, as in most Kubernetes components.
                    value = "true";
                }
                else
                {
                    errors.Add($"--{name} needs a value ({option.ValueHint})");
                    continue;
                }
            }

            values[option.ConfigurationKey] = value;
        }

        return errors.Count > 0 ? throw new OperatorOptionsException(errors) : values;
    }
}
