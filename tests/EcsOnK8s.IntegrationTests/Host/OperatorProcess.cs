using System.Diagnostics;
using System.Globalization;
using System.Net;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// The operator as a process of its own (<c>dotnet ecsonk8s-operator.dll</c>), for what needs one: signals (SIGSTOP
/// freezes it, monotonic clock and all) and an exit code. Its output goes to a log file.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly HttpClient _http;
    private readonly Lock _logLock = new();
    private bool _logClosed;
    private bool _disposed;

    private OperatorProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the operator built next to the tests, with <paramref name="hostName"/> as HOSTNAME (the prefix of its
    /// leader election identity) and <paramref name="flags"/>; metrics and probes on a free port of 127.0.0.1.
    /// </summary>
    public static OperatorProcess Start(string kubeconfig, string hostName, string logPath, params string[] flags) =>
        StartCommand("dotnet", [OperatorDll()], workingDirectory: null, environment: null, kubeconfig, hostName, logPath, flags);

    /// <summary>
    /// Starts <paramref name="command"/> with <paramref name="leadingArguments"/> (an image's entry point, say) in
    /// <paramref name="workingDirectory"/> with <paramref name="environment"/> added, followed by the same arguments
    /// as <see cref="Start"/>.
    /// </summary>
    public static OperatorProcess StartCommand(
        string command,
        IReadOnlyList<string> leadingArguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        string kubeconfig,
        string hostName,
        string logPath,
        params string[] flags)
    {
        var port = LoopbackPort.Free();
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        string[] arguments =
        [
            .. leadingArguments, "--kubeconfig", kubeconfig, "--metrics-port", port.ToString(CultureInfo.InvariantCulture),
            "--bind-address", "127.0.0.1", "--log-format", "text", .. flags,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The operator reads its kubeconfig from the flag; one from the caller's environment must not matter.
        info.Environment.Remove("KUBECONFIG");
        info.Environment["HOSTNAME"] = hostName;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        if (!process.Start())
        {
            log.Dispose();
            throw new InvalidOperationException("could not start the operator");
        }

        var started = new OperatorProcess(process, log, new Uri($"http://127.0.0.1:{port}/"), logPath);
        process.OutputDataReceived += (_, e) => started.Write(e.Data);
        process.ErrorDataReceived += (_, e) => started.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until /readyz answers 200 (the informers of every controller synced).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var ready = await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with code {_process.ExitCode} before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("readyz", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, timeout);
        if (!ready)
        {
            throw new TimeoutException($"the operator was not ready after {timeout}:\n{Tail()}");
        }
    }

    /// <summary>Sends a signal by name (STOP, CONT, TERM...).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    /// <summary>The exit code, once the process exited within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the operator did not exit within {timeout}:\n{Tail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The last lines of its log, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        lock (_logLock)
        {
            _log.Flush();
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            // A frozen process does not act on SIGTERM until it is resumed.
            await SignalAsync("CONT");
            await SignalAsync("TERM");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
        _http.Dispose();
        lock (_logLock)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    /// <summary>
    /// The operator built with the tests: the project reference puts it next to them; otherwise the operator
    /// project's own output for the same configuration.
    /// </summary>
    private static string OperatorDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "ecsonk8s-operator.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        var built = RepositoryRoot.Combine("operator", "EcsOnK8s.Operator", "bin", configuration, "net10.0", "ecsonk8s-operator.dll");
        return File.Exists(built)
            ? built
            : throw new InvalidOperationException($"the operator is not built ({beside}, {built}); build it: dotnet build operator/EcsOnK8s.Operator -c {configuration}");
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
