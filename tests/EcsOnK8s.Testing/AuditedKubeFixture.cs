namespace EcsOnK8s.Testing;

/// <summary>
/// A control plane of its own (local backend only) whose kube-apiserver audits every write of the users in
/// <see cref="AuditedGroup"/>, so that tests count requests from the API server's side. Clients join the group
/// through <see cref="WriteAuditedKubeconfigAsync"/>; the admin client of the fixture is not audited.
/// </summary>
public sealed class AuditedKubeFixture : KubeFixture
{
    /// <summary>The group whose writes are audited (the O of the client certificates this fixture issues).</summary>
    public const string AuditedGroup = "ecsonk8s:audited";

    private const string Policy = $$"""
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
        - level: Metadata
          userGroups: ["{{AuditedGroup}}"]
          verbs: [create, update, patch, delete, deletecollection]
        - level: None
        """;

    public AuditedKubeFixture()
        : base(fullControlPlane: false, hollowNodes: 0, auditPolicy: Policy)
    {
    }

    /// <summary>
    /// A kubeconfig at <paramref name="path"/> for <paramref name="user"/>, an administrator (system:masters) whose
    /// writes are audited.
    /// </summary>
    public Task WriteAuditedKubeconfigAsync(string path, string user, CancellationToken cancellationToken = default) =>
        RequireControlPlane().WriteKubeconfigAsync(path, user, ["system:masters", AuditedGroup], cancellationToken);

    /// <summary>Every audited event so far (writes of the audited users), in the order the API server logged them.</summary>
    public Task<IReadOnlyList<AuditEvent>> ReadAuditLogAsync(CancellationToken cancellationToken = default) =>
        AuditEvent.ReadLogAsync(RequireControlPlane().AuditLogPath, cancellationToken);

    private LocalControlPlane RequireControlPlane() => ControlPlane
        ?? throw new InvalidOperationException($"auditing needs the local backend (ECSONK8S_TEST_BACKEND=local), not {Backend}");
}
