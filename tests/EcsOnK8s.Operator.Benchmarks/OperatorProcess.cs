using System.Diagnostics;
using System.Globalization;
using System.Net;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// <c>dotnet ecsonk8s-operator.dll</c> as a child process, so that its memory is its own (VmRSS) and its API requests
/// are what its /metrics says. Output goes to a log file.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly HttpClient _http;
    private readonly Lock _logLock = new();
    private bool _logClosed;

    private OperatorProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        StartedAt = Stopwatch.GetTimestamp();
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public static OperatorProcess Start(
        string dll, string kubeconfig, string ns, int workers, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = LoopbackPort.Free();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[
            dll, "--kubeconfig", kubeconfig, "--leader-election", "false", "--metrics-port", port.ToString(CultureInfo.InvariantCulture),
            "--bind-address", "127.0.0.1", "--namespaces", ns, "--workers", workers.ToString(CultureInfo.InvariantCulture), "--log-format", "text"])
        {
            info.ArgumentList.Add(arg);
        }

        // The operator picks its kubeconfig from the flag; a KUBECONFIG of the caller's must not matter.
        info.Environment.Remove("KUBECONFIG");
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

    /// <summary>Waits until /readyz answers 200 (every controller's informers synced); the time since start.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = "no answer";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with code {_process.ExitCode} before it was ready; see {LogPath}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(StartedAt);
                }

                last = $"{(int)response.StatusCode}: {(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "timed out";
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"the operator was not ready after {timeout}: {last}; see {LogPath}");
    }

    public async Task<MetricsSnapshot> ScrapeAsync(CancellationToken cancellationToken)
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

    /// <summary>SIGTERM (what Kubernetes sends), then waits for the exit; SIGKILL after <paramref name="timeout"/>. The exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            await Tool.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], null, null, CancellationToken.None).ConfigureAwait(false);
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                Write($"[benchmark] killed after {timeout} without exiting on SIGTERM");
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
        _process.Dispose();
        _http.Dispose();
        lock (_logLock)
        {
            _logClosed = true;
            _log.Dispose();
        }
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
