namespace EcsOnK8s.Api.V1Alpha1;

public sealed class RepositoryCredentials
{
    public string? CredentialsParameter { get; set; }
}
