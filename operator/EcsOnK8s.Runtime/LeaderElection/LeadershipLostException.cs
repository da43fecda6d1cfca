namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>
/// A write to the API server was refused before it was sent: this replica does not hold the Lease, or can no longer
/// be sure it does (its last successful renewal started longer ago than the <see cref="LeaseWriteFence"/> allows).
/// Not a failure of the object being reconciled: workers stop taking work when they see it, and no condition or
/// event is written about it (neither could be).
/// </summary>
public sealed class LeadershipLostException : Exception
{
    public LeadershipLostException()
    {
    }

    public LeadershipLostException(string message)
        : base(message)
    {
    }

    public LeadershipLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
