using System.CommandLine;

namespace EcsOnK8s.Cli.Commands;

/// <summary>
/// <c>ecsonk8s completion bash|zsh</c>: a shell function that asks <c>ecsonk8s</c> itself for completions through
/// System.CommandLine's <c>[suggest:POSITION]</c> directive, so completion works without installing dotnet-suggest.
/// </summary>
public static class CompletionCommand
{
    public static readonly string[] Shells = ["bash", "zsh"];

    // The directive completes the command line after the program's name, at a position counted in that text.
    private const string Bash = """
        _ecsonk8s_complete() {
            local line="${COMP_LINE:0:COMP_POINT}"
            local rest="${line#*[[:space:]]}"
            local IFS=$'\n'
            COMPREPLY=($("${COMP_WORDS[0]}" "[suggest:${#rest}]" "$rest" 2>/dev/null))
        }
        complete -o default -F _ecsonk8s_complete ecsonk8s

        """;

    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.CompletionSources.Add(Shells);
        shell.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value is var value && !Shells.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"SHELL must be {OptionRules.Alternatives(Shells)}, not '{value}'");
            }
        });
        var command = new Command("completion", "Prints a shell completion script: source <(ecsonk8s completion bash), e.g. from ~/.bashrc.") { shell };
        command.SetAction(result =>
        {
            io.Out.Write(Script(result.GetValue(shell)!));
            return Program.ExitOk;
        });
        return command;
    }

    /// <summary>The completion script for <paramref name="shell"/> (zsh runs the bash one through bashcompinit).</summary>
    public static string Script(string shell) => shell == "zsh"
        ? "autoload -U +X bashcompinit && bashcompinit\n" + Bash
        : Bash;
}
