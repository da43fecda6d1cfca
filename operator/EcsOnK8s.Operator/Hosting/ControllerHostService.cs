using System.Runtime.ExceptionServices;
using EcsOnK8s.Operator.Options;
using EcsOnK8s.Runtime.LeaderElection;

namespace EcsOnK8s.Operator.Hosting;

/// <summary>
/// Runs the registered controllers: informers on every replica, so followers keep warm caches and report ready;
/// workers only while this replica leads. Losing the Lease ends the process with exit code 1, because a replica
/// that lost it cannot tell what its workers did meanwhile; a fresh process starts clean.
/// </summary>
public sealed partial class ControllerHostService : BackgroundService
{
    private readonly OperatorStatus _status;
    private readonly OperatorOptions _options;
    private readonly LeaderElectionRunner? _runner;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<ControllerHostService> _logger;

    public ControllerHostService(
        OperatorStatus status,
        OperatorOptions options,
        IHostApplicationLifetime lifetime,
        ILogger<ControllerHostService> logger,
        LeaderElectionRunner? runner = null)
    {
        _status = status;
        _options = options;
        _runner = runner;
        _lifetime = lifetime;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var names = string.Join(", ", _status.Controllers.Select(c => c.Name));
            LogStarting(_logger, _status.Controllers.Count, names, _runner is not null);
            foreach (var controller in _status.Controllers)
            {
                await controller.StartInformersAsync(stoppingToken);
            }

            _status.MarkInformersStarted();
            if (_runner is null)
            {
                await RunWorkersAsync(stoppingToken);
                return;
            }

            var outcome = await _runner.RunAsync(RunWorkersAsync, stoppingToken);
            if (outcome == LeadershipOutcome.Lost)
            {
                LogExitingAfterLostLease(_logger);
                _status.Fail(1);
                _lifetime.StopApplication();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFatal(_logger, e);
            _status.Fail(1);
            _lifetime.StopApplication();
        }
    }

    /// <summary>
    /// Runs every controller's workers until <paramref name="cancellationToken"/> fires, then gives in-flight
    /// reconciles up to the shutdown timeout to finish. A controller whose workers end on their own is a bug:
    /// the others are stopped and the failure is rethrown.
    /// </summary>
    private async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        using var workersCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() => stopRequested.TrySetResult());

        _status.WorkersRunning = true;
        LogWorkersStarting(_logger, _status.Controllers.Count, _options.Workers);
        var controllers = _status.Controllers;
        var tasks = controllers.Select(c => Task.Run(() => c.RunWorkersAsync(workersCts.Token), CancellationToken.None)).ToArray();
        ExceptionDispatchInfo? failure = null;
        try
        {
            if (tasks.Length > 0)
            {
                var first = await Task.WhenAny(Task.WhenAny(tasks), stopRequested.Task);
                if (first != stopRequested.Task && !cancellationToken.IsCancellationRequested)
                {
                    var index = Array.FindIndex(tasks, t => t.IsCompleted);
                    var ended = tasks[index];
                    failure = ExceptionDispatchInfo.Capture(ended.Exception?.GetBaseException()
                        ?? new InvalidOperationException($"the workers of controller {controllers[index].Name} stopped before they were asked to"));
                }
            }
            else
            {
                await stopRequested.Task;
            }

            await workersCts.CancelAsync();
            var all = Task.WhenAll(tasks);
            if (await Task.WhenAny(all, Task.Delay(_options.ShutdownTimeout, CancellationToken.None)) == all)
            {
                LogWorkersStopped(_logger);
            }
            else
            {
                LogDrainTimedOut(_logger, _options.ShutdownTimeout, string.Join(", ", controllers.Where((_, i) => !tasks[i].IsCompleted).Select(c => c.Name)));
            }

            foreach (var (task, controller) in tasks.Zip(controllers))
            {
                if (task.IsFaulted && task.Exception.GetBaseException() is not OperationCanceledException)
                {
                    LogWorkersFailed(_logger, task.Exception.GetBaseException(), controller.Name);
                }
            }
        }
        finally
        {
            _status.WorkersRunning = false;
        }

        failure?.Throw();
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Starting {Count} controllers ({Controllers}); leader election {LeaderElection}")]
    private static partial void LogStarting(ILogger logger, int count, string controllers, bool leaderElection);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Starting the workers of {Count} controllers, {Workers} per controller")]
    private static partial void LogWorkersStarting(ILogger logger, int count, int workers);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Workers stopped; in-flight reconciles finished")]
    private static partial void LogWorkersStopped(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Reconciles still running after {Timeout}, abandoned: {Controllers}")]
    private static partial void LogDrainTimedOut(ILogger logger, TimeSpan timeout, string controllers);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "The workers of controller {Controller} failed")]
    private static partial void LogWorkersFailed(ILogger logger, Exception exception, string controller);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Critical, Message = "Leadership lost; stopping so that a fresh process starts clean")]
    private static partial void LogExitingAfterLostLease(ILogger logger);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Critical, Message = "The controller host failed; stopping")]
    private static partial void LogFatal(ILogger logger, Exception exception);
}
