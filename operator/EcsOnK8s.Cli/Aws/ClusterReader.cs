using EcsOnK8s.Api.V1Alpha1;
using k8s;
using YamlDotNet.Core;

namespace EcsOnK8s.Cli.Aws;

/// <summary>An EcsCluster resource in YAML (or JSON), as it would be applied to the operator's cluster.</summary>
public static class ClusterReader
{
    public static EcsCluster Read(string file, string text)
    {
        try
        {
            var cluster = KubernetesYaml.Deserialize<EcsCluster>(text)
                ?? throw new AwsInputException($"{file}: the document is empty");
            if (cluster.Kind != EcsCluster.KindName)
            {
                throw new AwsInputException($"{file}: kind: expected {EcsCluster.KindName}, got '{cluster.Kind}'");
            }

            cluster.Metadata ??= new k8s.Models.V1ObjectMeta();
            cluster.Metadata.Name ??= "default";
            return cluster;
        }
        catch (YamlException e)
        {
            throw new AwsInputException($"{file}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }
    }
}
