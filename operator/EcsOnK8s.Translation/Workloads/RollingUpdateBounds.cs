using System.Globalization;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// ECS minimumHealthyPercent/maximumPercent as Kubernetes rolling-update bounds:
/// maxUnavailable = (100 − minimumHealthyPercent)% and maxSurge = (maximumPercent − 100)%, floored at 0.
/// Kubernetes refuses a Deployment whose maxSurge and maxUnavailable are both 0 (ECS 100/100 cannot make progress
/// either); that case becomes maxSurge 1: one extra task at a time. Defaults are ECS's: 100/200 for services
/// (maxUnavailable 0, maxSurge 100%), 0/100 for daemons. Kubernetes rounds maxUnavailable down as ECS rounds the
/// healthy floor up, but rounds maxSurge up where ECS rounds the ceiling down, so a fractional surge gives one
/// task more than ECS would.
/// </summary>
public static class RollingUpdateBounds
{
    public sealed record Bounds(IntOrString MaxSurge, IntOrString MaxUnavailable, Disposition Disposition, string Reason);

    public static Bounds ForDeployment(int? minimumHealthyPercent, int? maximumPercent)
    {
        var min = Math.Clamp(minimumHealthyPercent ?? 100, 0, 100);
        var max = Math.Max(maximumPercent ?? 200, 0);
        var unavailable = 100 - min;
        var surge = Math.Max(max - 100, 0);
        if (unavailable == 0 && surge == 0)
        {
            return new Bounds(
                1,
                Percent(0),
                Disposition.Approximated,
                $"minimumHealthyPercent {min} and maximumPercent {max} leave no room to roll; Kubernetes needs maxSurge or maxUnavailable above 0: maxSurge 1, maxUnavailable 0");
        }

        var note = max < 100
            ? $"; maximumPercent {max} below 100 is treated as 100 (Kubernetes never runs fewer pods to make room)"
            : string.Empty;
        return new Bounds(
            Percent(surge),
            Percent(unavailable),
            max < 100 ? Disposition.Approximated : Disposition.Mapped,
            $"maxUnavailable {unavailable}%, maxSurge {surge}% (Kubernetes rounds the surge up){note}");
    }

    public static Bounds ForDaemonSet(int? minimumHealthyPercent)
    {
        var min = Math.Clamp(minimumHealthyPercent ?? 0, 0, 100);
        var unavailable = 100 - min;
        if (unavailable == 0)
        {
            return new Bounds(
                Percent(0),
                1,
                Disposition.Approximated,
                "a DaemonSet must be allowed at least one unavailable pod during a rollout: maxUnavailable 1");
        }

        return new Bounds(Percent(0), Percent(unavailable), Disposition.Mapped, $"DaemonSet maxUnavailable {unavailable}%");
    }

    private static IntOrString Percent(int value) => value.ToString(CultureInfo.InvariantCulture) + "%";
}
