using System.Security.Cryptography;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing.Common.Security;
using k8s;
using k8s.Models;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// An EcsClusterPolicy that lets the EcsClusters of one namespace allow everything, for tests of the EcsCluster's own
/// policy (the bound then cuts nothing); deleted when disposed.
/// </summary>
internal sealed class TrustedNamespace : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly string _name;

    private TrustedNamespace(IKubernetes client, string name)
    {
        _client = client;
        _name = name;
    }

    public static async Task<TrustedNamespace> CreateAsync(IKubernetes client, string ns)
    {
        var name = $"trusted-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await client.CustomObjects.CreateClusterCustomObjectAsync(
            new EcsClusterPolicy
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new EcsClusterPolicySpec { Namespaces = [ns], Allow = HostileSpecs.AllowEverything() },
            },
            EcsApi.Group,
            EcsApi.Version,
            EcsClusterPolicy.Plural);
        return new TrustedNamespace(client, name);
    }

    public async ValueTask DisposeAsync() =>
        await _client.CustomObjects.DeleteClusterCustomObjectAsync(EcsApi.Group, EcsApi.Version, EcsClusterPolicy.Plural, _name);
}
