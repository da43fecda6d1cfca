namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// What <see cref="WorkloadFrame.PrepareAsync"/> came to for a service, task or schedule: exactly one of
/// <see cref="WorkloadPrepared"/> (rendered and applied), <see cref="WorkloadNotReady"/> (a reason to report) or
/// <see cref="WorkloadRegistering"/> (wait briefly, report nothing).
/// </summary>
public abstract record WorkloadPreparation
{
    private protected WorkloadPreparation()
    {
    }
}
