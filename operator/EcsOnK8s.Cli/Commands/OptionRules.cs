using System.CommandLine;

namespace EcsOnK8s.Cli.Commands;

/// <summary>Checks and completions shared by the commands' options.</summary>
internal static class OptionRules
{
    /// <summary>Restricts a string option to <paramref name="values"/> (said as "--to must be a or b, not 'c'") and completes them.</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value is var value && !values.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} must be {Alternatives(values)}, not '{value}'");
            }
        });
        option.CompletionSources.Add(values);
        option.HelpName = string.Join('|', values);
        return option;
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Alternatives(IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}";
}
