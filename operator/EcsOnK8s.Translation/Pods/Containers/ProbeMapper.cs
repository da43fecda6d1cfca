using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's health check as liveness, readiness and startup probes.</summary>
internal static class ProbeMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan)
    {
        if (plan.Definition.HealthCheck is not { } hc)
        {
            return;
        }

        var p = plan.Path + ".healthCheck";
        var command = hc.Command;
        List<string>? exec = null;
        if (command is null || command.Count == 0)
        {
            s.Report.Rejected(p + ".command", "a health check needs a command");
        }
        else if (command[0] == "CMD-SHELL" && command.Skip(1).All(string.IsNullOrWhiteSpace))
        {
            s.Report.Rejected(p + ".command", "CMD-SHELL needs a command to run");
        }
        else if (command[0] == "CMD-SHELL")
        {
            exec = ["/bin/sh", "-c", string.Join(' ', command.GetRange(1, command.Count - 1))];
            s.Report.Mapped(p + ".command", "exec probe through /bin/sh -c");
        }
        else if (command[0] == "CMD")
        {
            exec = command.GetRange(1, command.Count - 1);
            s.Report.Mapped(p + ".command", "exec probe");
        }
        else if (command[0] == "NONE")
        {
            s.Report.Mapped(p + ".command", "NONE: no health check");
        }
        else
        {
            exec = [.. command];
            s.Report.Approximated(p + ".command", "no CMD/CMD-SHELL prefix: the whole array is executed as is");
        }

        if (exec is { Count: 0 })
        {
            s.Report.Rejected(p + ".command", "the health check command is empty");
            exec = null;
        }

        var interval = Clamp(hc.Interval, 30, 1);
        var timeout = Clamp(hc.Timeout, 5, 1);
        var retries = Clamp(hc.Retries, 3, 1);
        var startPeriod = Math.Max(0, hc.StartPeriod ?? 0);
        if (hc.Interval is not null)
        {
            s.Report.Mapped(p + ".interval", "probe periodSeconds");
        }

        if (hc.Timeout is not null)
        {
            s.Report.Mapped(p + ".timeout", "probe timeoutSeconds");
        }

        if (hc.Retries is not null)
        {
            s.Report.Mapped(p + ".retries", "probe failureThreshold");
        }

        if (hc.StartPeriod is not null)
        {
            s.Report.Mapped(p + ".startPeriod", "startupProbe: failureThreshold = ceil(startPeriod / interval) + retries");
        }

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
        if (plan.HealthProbe is not { } h)
        {
            return null;
        }

        var period = h.PeriodSeconds ?? 30;
        var failures = (int)Math.Ceiling(plan.HealthStartPeriod / (double)period) + (h.FailureThreshold ?? 3);
        return new V1Probe
        {
            Exec = new V1ExecAction { Command = [.. h.Exec.Command] },
            PeriodSeconds = period,
            TimeoutSeconds = h.TimeoutSeconds,
            FailureThreshold = failures,
            SuccessThreshold = 1,
        };
    }

    private static int Clamp(int? value, int fallback, int min) => Math.Max(min, value ?? fallback);
}
