using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcsOnK8s.Testing.Common;

/// <summary>
/// Runs the Argo CD health checks of deploy/argocd/health in a real Lua 5.1 interpreter (Argo CD embeds Lua 5.1),
/// with the object bound to <c>obj</c> as Argo CD binds it (hack/argocd-health.lua).
/// </summary>
public static class ArgoCdHealth
{
    public const string Interpreter = "lua5.1";

    /// <summary>The kinds that have a health check, one .lua each.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["EcsCluster", "EcsTaskDefinition", "EcsService", "EcsTask", "EcsScheduledTask", "EcsEventRule"];

    /// <summary>The helpers every check starts with (make argocd puts them before each kind's file).</summary>
    public static string CommonPath => RepositoryRoot.Combine("deploy", "argocd", "health", "common.lua");

    public static string ScriptPath(string kind) => RepositoryRoot.Combine("deploy", "argocd", "health", kind + ".lua");

    /// <summary>The check Argo CD runs for <paramref name="kind"/>: common.lua followed by the kind's file.</summary>
    public static string Script(string kind) => File.ReadAllText(CommonPath) + File.ReadAllText(ScriptPath(kind));

    /// <summary>The interpreter's path; fails (never skips) with what to install when there is none.</summary>
    public static string FindInterpreter()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, Interpreter);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"{Interpreter} is not on PATH: the Argo CD health checks are tested in Lua 5.1, the version Argo CD embeds. "
            + "Install Debian's lua5.1 (apt-get install lua5.1); .ci/run installs it.");
    }

    /// <summary>Runs <paramref name="kind"/>'s check on <paramref name="obj"/> (the object as the API server returns it).</summary>
    public static (string Status, string Message) Evaluate(string kind, JsonElement obj)
    {
        var start = new ProcessStartInfo(FindInterpreter())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryRoot.Combine("hack", "argocd-health.lua"));
        start.ArgumentList.Add(CommonPath);
        start.ArgumentList.Add(ScriptPath(kind));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Interpreter} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write("return " + ToLua(obj));
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{kind}.lua did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{kind}.lua failed ({process.ExitCode}): {error.Result}");
        }

        var lines = output.Result.Split('\n');
        return (lines[0], lines.Length > 1 ? lines[1] : string.Empty);
    }

    /// <summary>A JSON value as a Lua 5.1 table constructor: what Argo CD's conversion of the object yields.</summary>
    public static string ToLua(JsonElement value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                foreach (var property in value.EnumerateObject())
                {
                    text.Append('[');
                    WriteString(text, property.Name);
                    text.Append("]=");
                    Write(text, property.Value);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('{');
                foreach (var item in value.EnumerateArray())
                {
                    Write(text, item);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValueKind.String:
                WriteString(text, value.GetString()!);
                break;
            case JsonValueKind.Number:
                text.Append(value.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("nil");
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            // Decimal escapes for everything but plain printable ASCII: Lua 5.1 strings are bytes.
            if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
        }

        text.Append('"');
    }
}
