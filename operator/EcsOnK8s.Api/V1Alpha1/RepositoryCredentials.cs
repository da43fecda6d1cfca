namespace EcsOnK8s.Api.V1Alpha1;

public sealed class RepositoryCredentials
{
    /// <summary>The secret with the private registry's credentials.</summary>
    public string? CredentialsParameter { get; set; }
}
