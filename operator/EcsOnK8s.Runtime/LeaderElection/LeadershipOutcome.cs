namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>Why <see cref="LeaderElectionRunner.RunAsync"/> returned.</summary>
public enum LeadershipOutcome
{
    /// <summary>Cancelled by the caller, whether or not this replica was leading at the time.</summary>
    Cancelled,

    /// <summary>This replica led and could not renew the Lease within the renew deadline; another may lead now.</summary>
    Lost,

    /// <summary>The work given to run while leading returned on its own; leadership was given up.</summary>
    WorkCompleted,
}
