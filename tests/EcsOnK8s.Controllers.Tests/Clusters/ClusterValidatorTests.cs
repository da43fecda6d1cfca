using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using k8s;

namespace EcsOnK8s.Controllers.Tests.Clusters;

public class ClusterValidatorTests
{
    private static IReadOnlyList<string> Validate(string yaml) => ClusterValidator.Validate(KubernetesYaml.Deserialize<EcsClusterSpec>(yaml));

    [Fact]
    public void Validate_TypicalCluster_NoErrors()
    {
        Assert.Empty(Validate("""
            capacityProviders:
            - {name: FARGATE}
            - {name: spot, nodeSelector: {karpenter.sh/capacity-type: spot}}
            defaultCapacityProviderStrategy:
            - {capacityProvider: FARGATE, base: 1, weight: 1}
            - {capacityProvider: spot, weight: 3}
            storage: {sharedVolumeSize: 20Gi, retentionPolicy: Retain}
            secrets: {provider: ExternalSecrets, storeRef: {name: aws, kind: ClusterSecretStore}}
            policy: {allowedCapabilities: [NET_ADMIN, CAP_SYS_PTRACE], allowedUnsafeSysctls: [net.core.somaxconn, 'kernel.msg*', 'net/ipv4/*', '*']}
            """));
    }

    [Fact]
    public void Validate_OneStorePerProviderAndIngress_NoErrors()
    {
        Assert.Empty(Validate("""
            secrets:
              provider: ExternalSecrets
              secretsManagerStoreRef: {name: aws-secrets-manager}
              parameterStoreStoreRef: {name: aws-parameter-store, kind: ClusterSecretStore}
            ingress:
              gateway: {name: public, namespace: infra, sectionName: https}
              ingressClassName: nginx
            """));
    }

    [Theory]
    [InlineData("capacityProviders: [{name: a}, {name: a}]", "spec.capacityProviders[1].name: 'a' is declared twice")]
    [InlineData("capacityProviders: [{nodeSelector: {a: b}}]", "spec.capacityProviders[0].name: is required")]
    [InlineData("capacityProviders: [{name: a, nodeSelector: {'bad key!': x}}]", "'bad key!' is not a valid label key")]
    [InlineData("defaultCapacityProviderStrategy: [{capacityProvider: gpu, weight: 1}]", "'gpu' is not declared in spec.capacityProviders")]
    [InlineData("defaultCapacityProviderStrategy: [{capacityProvider: FARGATE, base: 1, weight: 1}, {capacityProvider: FARGATE_SPOT, base: 2, weight: 1}]", "only one capacity provider may have a base")]
    [InlineData("defaultCapacityProviderStrategy: [{capacityProvider: FARGATE, weight: 0}]", "at least one capacity provider needs a weight above 0")]
    [InlineData("storage: {sharedVolumeSize: lots}", "spec.storage.sharedVolumeSize: 'lots' is not a Kubernetes quantity")]
    [InlineData("secrets: {provider: ExternalSecrets}", "spec.secrets.storeRef.name: is required")]
    [InlineData("secrets: {provider: ExternalSecrets, secretsManagerStoreRef: {name: sm}}", "spec.secrets.storeRef.name: is required")]
    [InlineData("secrets: {provider: ExternalSecrets, storeRef: {name: aws}, parameterStoreStoreRef: {kind: SecretStore}}", "spec.secrets.parameterStoreStoreRef.name: is required")]
    [InlineData("ingress: {gateway: {namespace: infra}}", "spec.ingress.gateway.name: is required")]
    [InlineData("policy: {allowedCapabilities: [net_admin]}", "spec.policy.allowedCapabilities[0]: 'net_admin' is not a Linux capability name")]
    [InlineData("policy: {allowedUnsafeSysctls: ['Net.Core']}", "spec.policy.allowedUnsafeSysctls[0]: 'Net.Core' is not a sysctl name")]
    [InlineData("policy: {allowedUnsafeSysctls: ['net..core']}", "spec.policy.allowedUnsafeSysctls[0]: 'net..core' is not a sysctl name")]
    [InlineData("policy: {allowedUnsafeSysctls: ['']}", "spec.policy.allowedUnsafeSysctls[0]: '' is not a sysctl name")]
    [InlineData("policy: {allowedUnsafeSysctls: [\"net.core.somaxconn\\n\"]}", "spec.policy.allowedUnsafeSysctls[0]: 'net.core.somaxconn\n' is not a sysctl name")]
    [InlineData("podSecurity: privileged", "spec.podSecurity: 'privileged' is not a level EcsOnK8s renders (baseline or restricted)")]
    public void Validate_Problem_ErrorNamesTheField(string yaml, string expected)
    {
        Assert.Contains(Validate(yaml), e => e.Contains(expected, StringComparison.Ordinal));
    }
}
