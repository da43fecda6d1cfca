namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>
/// What KEDA rendering needs beside the policies: the served ScaledObject version, where the AWS resources live, and
/// how the scalers authenticate (the task role, or a Secret the EcsCluster names).
/// </summary>
internal sealed record KedaTarget(string ApiVersion, string Region, string Account, string? TaskRoleArn, string? CredentialsSecret);
