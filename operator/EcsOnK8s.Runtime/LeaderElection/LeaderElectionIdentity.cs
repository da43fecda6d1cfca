using System.Security.Cryptography;

namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>Holder identities for the Lease.</summary>
public static class LeaderElectionIdentity
{
    /// <summary>
    /// The pod name (HOSTNAME in a pod) and a random suffix. The suffix matters: a restarted container keeps its pod
    /// name, and must not mistake the Lease its previous incarnation held for its own.
    /// </summary>
    public static string Create(string? hostName = null)
    {
        hostName ??= Environment.GetEnvironmentVariable("HOSTNAME");
        if (string.IsNullOrWhiteSpace(hostName))
        {
            hostName = Environment.MachineName;
        }

        return $"{hostName.Trim()}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
    }
}
