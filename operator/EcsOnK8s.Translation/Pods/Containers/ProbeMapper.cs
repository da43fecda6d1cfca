using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's health check as liveness, readiness and startup probes.</summary>
internal static class ProbeMapper
{
    public static void Map(PodBuildState build, ContainerPlan plan)
    {
        if (plan.Definition.HealthCheck is not { } healthCheck)
        {
            return;
        }

        var healthCheckPath = plan.Path + ".healthCheck";
        var command = healthCheck.Command;
        List<string>? exec = null;
        if (command is null || command.Count == 0)
        {
            build.Report.Rejected(healthCheckPath + ".command", "a health check needs a command");
        }
        else if (command[0] == "CMD-SHELL" && command.Skip(1).All(string.IsNullOrWhiteSpace))
        {
            build.Report.Rejected(healthCheckPath + ".command", "CMD-SHELL needs a command to run");
        }
        else if (command[0] == "CMD-SHELL")
        {
            exec = ["/bin/sh", "-c", string.Join(' ', command.GetRange(1, command.Count - 1))];
            build.Report.Mapped(healthCheckPath + ".command", "exec probe through /bin/sh -c");
        }
        else if (command[0] == "CMD")
        {
            exec = command.GetRange(1, command.Count - 1);
            build.Report.Mapped(healthCheckPath + ".command", "exec probe");
        }
        else if (command[0] == "NONE")
        {
            build.Report.Mapped(healthCheckPath + ".command", "NONE: no health check");
        }
        else
        {
            exec = [.. command];
            build.Report.Approximated(healthCheckPath + ".command", "no CMD/CMD-SHELL prefix: the whole array is executed as is");
        }

        if (exec is { Count: 0 })
        {
            build.Report.Rejected(healthCheckPath + ".command", "the health check command is empty");
            exec = null;
        }

        var interval = Clamp(healthCheck.Interval, 30, 1);
        var timeout = Clamp(healthCheck.Timeout, 5, 1);
        var retries = Clamp(healthCheck.Retries, 3, 1);
        var startPeriod = Math.Max(0, healthCheck.StartPeriod ?? 0);
        build.Report.AddIfSet(healthCheck.Interval, healthCheckPath, ".interval", Disposition.Mapped, "probe periodSeconds");
        build.Report.AddIfSet(healthCheck.Timeout, healthCheckPath, ".timeout", Disposition.Mapped, "probe timeoutSeconds");
        build.Report.AddIfSet(healthCheck.Retries, healthCheckPath, ".retries", Disposition.Mapped, "probe failureThreshold");
        build.Report.AddIfSet(healthCheck.StartPeriod, healthCheckPath, ".startPeriod", Disposition.Mapped, "startupProbe: failureThreshold = ceil(startPeriod / interval) + retries");

        if (exec is null)
        {
            return;
        }

        V1Probe Probe(int failures) => new()
        {
            Exec = new V1ExecAction { Command = [.. exec] },
            PeriodSeconds = interval,
            TimeoutSeconds = timeout,
            FailureThreshold = failures,
            SuccessThreshold = 1,
        };

        plan.HealthProbe = Probe(retries);
        plan.HealthStartPeriod = startPeriod;
        plan.Container.LivenessProbe = Probe(retries);
        plan.Container.ReadinessProbe = Probe(retries);
        if (startPeriod > 0)
        {
            plan.Container.StartupProbe = StartupProbe(plan);
        }
    }

    /// <summary>
    /// The startup probe for a health check: failures inside the start period do not count in ECS, so the
    /// startup probe allows ceil(startPeriod / interval) + retries failures before the liveness probe takes over.
    /// </summary>
    internal static V1Probe? StartupProbe(ContainerPlan plan)
    {
        if (plan.HealthProbe is not { } healthProbe)
        {
            return null;
        }

        var period = healthProbe.PeriodSeconds ?? 30;
        var failures = (int)Math.Ceiling(plan.HealthStartPeriod / (double)period) + (healthProbe.FailureThreshold ?? 3);
        return new V1Probe
        {
            Exec = new V1ExecAction { Command = [.. healthProbe.Exec.Command] },
            PeriodSeconds = period,
            TimeoutSeconds = healthProbe.TimeoutSeconds,
            FailureThreshold = failures,
            SuccessThreshold = 1,
        };
    }

    private static int Clamp(int? value, int fallback, int min) => Math.Max(min, value ?? fallback);
}
