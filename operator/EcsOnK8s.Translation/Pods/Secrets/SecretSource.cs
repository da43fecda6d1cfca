namespace EcsOnK8s.Translation.Pods.Secrets;

/// <summary>Where an ECS secret reference points.</summary>
public enum SecretSource
{
    SecretsManager,
    ParameterStore,
}
