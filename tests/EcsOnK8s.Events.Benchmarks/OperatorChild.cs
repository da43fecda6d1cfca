using System.Diagnostics;
using System.Globalization;
using System.Net;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.Events.Benchmarks;

/// <summary>
/// <c>dotnet ecsonk8s-operator.dll</c> as a child process with the events endpoint on (plain HTTP on 127.0.0.1), so
/// that its memory is its own: VmRSS from /proc, the managed heap from its /metrics.
/// </summary>
internal sealed class OperatorChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly HttpClient _http;
    private readonly Lock _logLock = new();
    private bool _logClosed;

    private OperatorChild(Process process, StreamWriter log, Uri metrics, Uri events, string logPath)
    {
        _process = process;
        _log = log;
        _http = new HttpClient { BaseAddress = metrics, Timeout = TimeSpan.FromSeconds(10) };
        EventsAddress = events;
        LogPath = logPath;
    }

    public Uri EventsAddress { get; }

    public string LogPath { get; }

    public static OperatorChild Start(string dll, string kubeconfig, string ns, string logPath)
    {
        var metricsPort = LoopbackPort.Free();
        var eventsPort = LoopbackPort.Free();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[
            dll, "--kubeconfig", kubeconfig, "--leader-election", "false", "--bind-address", "127.0.0.1", "--namespaces", ns,
            "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture), "--log-format", "text", "--log-level", "Warning",
            "--events-endpoint", "true", "--events-endpoint-port", eventsPort.ToString(CultureInfo.InvariantCulture), "--events-endpoint-allow-http", "true",
            "--events-endpoint-rate", "100000", "--events-endpoint-burst", "100000"])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("KUBECONFIG");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        if (!process.Start())
        {
            log.Dispose();
            throw new InvalidOperationException("could not start the operator");
        }

        var child = new OperatorChild(
            process, log, new Uri($"http://127.0.0.1:{metricsPort}/"), new Uri($"http://127.0.0.1:{eventsPort}/"), logPath);
        process.OutputDataReceived += (_, e) => child.Write(e.Data);
        process.ErrorDataReceived += (_, e) => child.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with code {_process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"the operator was not ready after {timeout}; see {LogPath}");
    }

    /// <summary>The managed heap (prometheus-net's <c>dotnet_total_memory_bytes</c>) and VmRSS, in bytes.</summary>
    public async Task<(long Heap, long Rss)> MemoryAsync(CancellationToken cancellationToken)
    {
        var metrics = await _http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var heapLine = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("dotnet_total_memory_bytes ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the operator's /metrics has no dotnet_total_memory_bytes");
        var heap = (long)double.Parse(heapLine.Split(' ')[1], CultureInfo.InvariantCulture);
        var rssLine = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var rss = long.Parse(rssLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return (heap, rss);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, as Kubernetes stops it; SIGKILL when it does not exit.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
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
