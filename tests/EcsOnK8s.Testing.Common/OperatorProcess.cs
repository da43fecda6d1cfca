using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EcsOnK8s.Testing.Common;

/// <summary>
/// The operator as a process of its own (<c>dotnet ecsonk8s-operator.dll</c>), for what needs one: signals (SIGSTOP
/// freezes it, monotonic clock and all, SIGKILL ends it between two writes), an exit code, its own memory (VmRSS) and
/// /metrics. Its output goes to a log file. One copy for the integration tests, the reliability suite and the
/// benchmarks.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
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
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        StartedAt = Stopwatch.GetTimestamp();
    }

    public string LogPath { get; }

    /// <summary>Its metrics and probes (http://127.0.0.1:PORT/).</summary>
    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>When it was started (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long StartedAt { get; }

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
        ArgumentNullException.ThrowIfNull(leadingArguments);
        ArgumentNullException.ThrowIfNull(flags);
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
    public Task WaitReadyAsync(TimeSpan timeout) => WaitReadyAsync(timeout, CancellationToken.None);

    /// <summary>Waits until /readyz answers 200 (the informers of every controller synced); the time since start.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var last = "no answer";
        var ready = await Eventually.HoldsAsync(async () =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with code {_process.ExitCode} before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                last = $"{(int)response.StatusCode}";
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = e.Message;
                return false;
            }
        }, timeout).ConfigureAwait(false);
        if (!ready)
        {
            throw new TimeoutException($"the operator was not ready after {timeout} ({last}):\n{Tail()}");
        }

        return Stopwatch.GetElapsedTime(StartedAt);
    }

    /// <summary>One scrape of its /metrics.</summary>
    public async Task<MetricsSnapshot> ScrapeAsync(CancellationToken cancellationToken = default)
    {
        var text = await _http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return MetricsSnapshot.Parse(text);
    }

    /// <summary>Resident and peak resident memory from /proc/PID/status, in bytes.</summary>
    public (long Rss, long PeakRss) Memory()
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (rss, peak);

        static long Kilobytes(string line) =>
            long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Sends a signal by name (STOP, CONT, TERM, KILL...).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().ConfigureAwait(false);
        if (kill.ExitCode != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    /// <summary>SIGKILL (no shutdown code runs, as with an OOM kill or a lost node), then waits for the exit.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        Write("[test] killed (SIGKILL)");
    }

    /// <summary>SIGTERM (what Kubernetes sends), then waits for the exit; SIGKILL after <paramref name="timeout"/>. The exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            // A frozen process does not act on SIGTERM until it is resumed.
            await SignalAsync("CONT").ConfigureAwait(false);
            await SignalAsync("TERM").ConfigureAwait(false);
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                Write($"[test] killed after {timeout} without exiting on SIGTERM");
            }
        }

        return _process.ExitCode;
    }

    /// <summary>The exit code, once the process exited within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
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
            if (!_logClosed)
            {
                _log.Flush();
            }
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
        await StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
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
