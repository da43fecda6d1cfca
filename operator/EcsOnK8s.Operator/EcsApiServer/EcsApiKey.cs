namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// An access key of the ECS API: the namespace it acts in (its "account") and the Kubernetes identity every
/// request made with it is impersonated as. The secret is kept for verification only and never logged.
/// </summary>
public sealed record EcsApiKey(string AccessKeyId, string SecretAccessKey, string Namespace, string User, IReadOnlyList<string> Groups, string SecretName)
{
    /// <summary>Secret data key of the access key id.</summary>
    public const string AccessKeyIdKey = "accessKeyId";

    public const string SecretAccessKeyKey = "secretAccessKey";

    public const string NamespaceKey = "namespace";

    /// <summary>The Kubernetes user impersonated (e.g. <c>alice</c> or <c>system:serviceaccount:team-a:deployer</c>).</summary>
    public const string UserKey = "user";

    /// <summary>Comma-separated Kubernetes groups impersonated with the user (optional).</summary>
    public const string GroupsKey = "groups";

    /// <summary>What a log may say about the key: the id and the Secret, never the secret value.</summary>
    public override string ToString() => $"{AccessKeyId} ({SecretName}: {User} in {Namespace})";
}
