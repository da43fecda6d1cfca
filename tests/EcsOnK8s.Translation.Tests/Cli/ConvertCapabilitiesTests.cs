using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using EcsOnK8s.Translation.Model;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Cli;

/// <summary><c>convert --capabilities</c>: the integrations the target cluster has, as the operator would discover them.</summary>
public sealed class ConvertCapabilitiesTests : IDisposable
{
    private const string TaskDefinition = """
        {"family": "worker", "containerDefinitions": [{"name": "app", "image": "busybox", "memory": 128, "essential": true}]}
        """;

    private const string Scaling = """
        [{"ServiceNamespace": "ecs", "ResourceId": "service/default/worker", "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 1, "MaxCapacity": 5},
         {"ServiceNamespace": "ecs", "ResourceId": "service/default/worker", "ScalableDimension": "ecs:service:DesiredCount",
          "PolicyName": "queue", "PolicyType": "TargetTrackingScaling",
          "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 10,
            "CustomizedMetricSpecification": {"Namespace": "AWS/SQS", "MetricName": "ApproximateNumberOfMessagesVisible", "Dimensions": [{"Name": "QueueName", "Value": "jobs"}]}}}]
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("convert-capabilities-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private (int Exit, string Out, string Err) Convert(params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = [Write("td.json", TaskDefinition), "--scaling", Write("scaling.json", Scaling), .. extra];
        var exit = ConvertCommand.Run(args, TextReader.Null, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string[], string?, string?, string?, string?> Names => new()
    {
        { [], null, null, null, null },
        { ["keda"], "keda.sh/v1alpha1", null, null, null },
        { ["aws-load-balancer-controller"], null, "elbv2.k8s.aws/v1beta1", null, null },
        { ["gateway-api"], null, null, "gateway.networking.k8s.io/v1", null },
        { ["external-secrets"], null, null, null, "external-secrets.io/v1" },
        { ["keda", "aws-load-balancer-controller", "gateway-api", "external-secrets"], "keda.sh/v1alpha1", "elbv2.k8s.aws/v1beta1", "gateway.networking.k8s.io/v1", "external-secrets.io/v1" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void With_Names_TheVersionsTheyAssume(string[] names, string? keda, string? targetGroupBinding, string? httpRoute, string? externalSecret)
    {
        var (capabilities, unknown) = ClusterIntegrations.With(ClusterCapabilities.Kubernetes130, names);

        Assert.Null(unknown);
        Assert.Equal(
            (keda, targetGroupBinding, httpRoute, externalSecret, externalSecret is not null),
            (capabilities.KedaApiVersion, capabilities.TargetGroupBindingApiVersion, capabilities.HttpRouteApiVersion, capabilities.ExternalSecretApiVersion, capabilities.ExternalSecrets));
        Assert.Equal(ClusterCapabilities.Kubernetes130.HpaApiVersion, capabilities.HpaApiVersion);
    }

    [Theory]
    [InlineData("keda")]
    [InlineData("keda,external-secrets")]
    [InlineData(" keda , gateway-api ")]
    public void Run_KedaNamed_ScaledObjectInsteadOfTheHpa(string list)
    {
        var (exit, output, error) = Convert("--capabilities", list);

        Assert.True(exit == Program.ExitOk, error);
        Assert.Contains("kind: ScaledObject", output, StringComparison.Ordinal);
        Assert.Contains("type: aws-sqs-queue", output, StringComparison.Ordinal);
        Assert.Contains("kind: TriggerAuthentication", output, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: HorizontalPodAutoscaler", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FlagRepeated_EveryListCounts()
    {
        var (exit, output, error) = Convert("--capabilities", "external-secrets", "--capabilities", "keda");

        Assert.True(exit == Program.ExitOk, error);
        Assert.Contains("kind: ScaledObject", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoCapabilities_HpaWithTheAdapterNamedInTheReport()
    {
        var (exit, output, error) = Convert("--report", "full");

        Assert.True(exit == Program.ExitOk, error);
        Assert.Contains("kind: HorizontalPodAutoscaler", output, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: ScaledObject", output, StringComparison.Ordinal);
        Assert.Contains("served by an External metrics adapter such as KEDA or the CloudWatch adapter: aws_sqs_approximatenumberofmessagesvisible", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kedaa", "kedaa")]
    [InlineData("keda,istio", "istio")]
    [InlineData("KEDA", "KEDA")]
    public void Run_UnknownName_UsageErrorListingTheValidOnes(string list, string unknown)
    {
        var (exit, output, error) = Convert("--capabilities", list);

        Assert.Equal(Program.ExitUsage, exit);
        Assert.Empty(output);
        Assert.Contains($"--capabilities: unknown integration '{unknown}'; valid names are keda, aws-load-balancer-controller, gateway-api, external-secrets", error, StringComparison.Ordinal);
    }
}
