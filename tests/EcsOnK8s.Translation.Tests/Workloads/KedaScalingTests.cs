using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Workloads.Keda;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

/// <summary>
/// Auto scaling where KEDA is installed: one ScaledObject on the EcsService, a trigger per policy, the AWS scalers'
/// TriggerAuthentication, and no HPA of the operator's; where it is not, the HPA and a report naming the adapter.
/// </summary>
public class KedaScalingTests
{
    private static readonly ClusterCapabilities Keda = ClusterCapabilities.Kubernetes130 with { KedaApiVersion = "keda.sh/v1alpha1" };

    private static readonly DateTimeOffset Morning = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static TargetTrackingPolicy Predefined(string type, double target, string? label = null) => new()
    {
        TargetValue = target,
        PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = type, ResourceLabel = label },
    };

    private static CustomizedMetricSpecification Metric(string ns, string name, params (string Name, string Value)[] dimensions) => new()
    {
        Namespace = ns,
        MetricName = name,
        Dimensions = [.. dimensions.Select(d => new MetricDimension { Name = d.Name, Value = d.Value })],
    };

    private static CustomizedMetricSpecification WithStatistic(CustomizedMetricSpecification metric, string statistic, string unit)
    {
        metric.Statistic = statistic;
        metric.Unit = unit;
        return metric;
    }

    private static CustomizedMetricSpecification Backlog(string expression = "m1 / m2", string denominator = "RunningTaskCount") => new()
    {
        Metrics =
        [
            new MetricDataQuery
            {
                Id = "m1",
                ReturnData = false,
                MetricStat = new MetricStat
                {
                    Stat = "Sum",
                    Metric = new CloudWatchMetric { Namespace = "AWS/SQS", MetricName = "ApproximateNumberOfMessagesVisible", Dimensions = [new MetricDimension { Name = "QueueName", Value = "orders" }] },
                },
            },
            new MetricDataQuery
            {
                Id = "m2",
                ReturnData = false,
                MetricStat = new MetricStat
                {
                    Stat = "Average",
                    Metric = new CloudWatchMetric
                    {
                        Namespace = "ECS/ContainerInsights",
                        MetricName = denominator,
                        Dimensions = [new MetricDimension { Name = "ClusterName", Value = "default" }, new MetricDimension { Name = "ServiceName", Value = "web" }],
                    },
                },
            },
            new MetricDataQuery { Id = "e1", Expression = expression, Label = "backlog per task", ReturnData = true },
        ],
    };

    private static ServiceAutoScaling Tracking(params TargetTrackingPolicy[] policies) => new() { MinCapacity = 2, MaxCapacity = 10, TargetTrackingPolicies = [.. policies] };

    private static RenderResult Render(
        ServiceAutoScaling scaling, ClusterCapabilities? capabilities = null, string? taskRole = null, EcsCluster? cluster = null, DateTimeOffset? now = null) =>
        Renderer.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition("web", 1, new EcsTaskDefinitionSpec
            {
                Family = "web",
                TaskRoleArn = taskRole,
                ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx", Memory = 128 }],
            }),
            Service = new EcsService
            {
                Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
                Spec = new EcsServiceSpec { DesiredCount = 3, AutoScaling = scaling },
            },
            Cluster = cluster,
            Capabilities = capabilities ?? Keda,
            AwsRegion = "eu-west-1",
            AwsAccount = "123456789012",
            Now = now,
        });

    private static ReportEntry Entry(RenderResult result, string path) => Assert.Single(result.Report.Entries, e => e.Path == path);

    [Fact]
    public void Render_KedaInstalled_OneScaledObjectOnTheEcsServiceAndNoHpa()
    {
        var result = Render(Tracking(
            Predefined("ECSServiceAverageCPUUtilization", 60),
            Predefined("ECSServiceAverageMemoryUtilization", 75.4)));

        Assert.Empty(result.Objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Empty(result.Objects.OfType<TriggerAuthentication>());
        var scaled = Assert.Single(result.Objects.OfType<ScaledObject>());
        Assert.Equal("keda.sh/v1alpha1", scaled.ApiVersion);
        Assert.Equal((EcsApi.ApiVersion, EcsService.KindName, "web"), (scaled.Spec.ScaleTargetRef.ApiVersion, scaled.Spec.ScaleTargetRef.Kind, scaled.Spec.ScaleTargetRef.Name));
        Assert.Equal((2, 10, 60), (scaled.Spec.MinReplicaCount, scaled.Spec.MaxReplicaCount, scaled.Spec.PollingInterval));
        Assert.Equal(
            [("cpu", "Utilization", "60"), ("memory", "Utilization", "75")],
            scaled.Spec.Triggers.Select(t => (t.Type, t.MetricType, t.Metadata["value"])));
        Assert.Contains("KEDA owns the service's HPA, the operator renders none", Entry(result, "service.autoScaling").Reason, StringComparison.Ordinal);
        Assert.False(result.Report.HasRejections);
    }

    public static TheoryData<string, ServiceAutoScaling, string, Dictionary<string, string>, string?, Disposition> Triggers => new()
    {
        {
            "sqs queue depth", Tracking(new TargetTrackingPolicy { TargetValue = 7.5, CustomizedMetricSpecification = Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", ("QueueName", "orders")) }),
            "aws-sqs-queue",
            new() { ["queueURL"] = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders", ["queueLength"] = "8", ["awsRegion"] = "eu-west-1", ["scaleOnInFlight"] = "false" },
            null, Disposition.Approximated
        },
        {
            "sqs backlog per task", Tracking(new TargetTrackingPolicy { TargetValue = 20, CustomizedMetricSpecification = Backlog() }),
            "aws-sqs-queue",
            new() { ["queueURL"] = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders", ["queueLength"] = "20", ["awsRegion"] = "eu-west-1", ["scaleOnInFlight"] = "false" },
            null, Disposition.Mapped
        },
        {
            "alb requests per target", Tracking(Predefined("ALBRequestCountPerTarget", 1000, "app/shop-alb/50dc6c495c0c9188/targetgroup/web-tg/943f017f100becff")),
            "aws-cloudwatch",
            new()
            {
                ["namespace"] = "AWS/ApplicationELB", ["metricName"] = "RequestCountPerTarget", ["dimensionName"] = "TargetGroup",
                ["dimensionValue"] = "targetgroup/web-tg/943f017f100becff", ["targetMetricValue"] = "1000", ["minMetricValue"] = "0",
                ["metricStat"] = "Sum", ["metricStatPeriod"] = "60", ["awsRegion"] = "eu-west-1",
            },
            "Value", Disposition.Mapped
        },
        {
            "other cloudwatch metric", Tracking(new TargetTrackingPolicy
            {
                TargetValue = 0.25,
                CustomizedMetricSpecification = WithStatistic(Metric("Shop", "CheckoutLatency", ("Stage", "prod"), ("Region", "west")), "Maximum", "Seconds"),
            }),
            "aws-cloudwatch",
            new()
            {
                ["namespace"] = "Shop", ["metricName"] = "CheckoutLatency", ["dimensionName"] = "Stage;Region", ["dimensionValue"] = "prod;west",
                ["targetMetricValue"] = "0.25", ["minMetricValue"] = "0", ["metricStat"] = "Maximum", ["metricStatPeriod"] = "60",
                ["metricUnit"] = "Seconds", ["awsRegion"] = "eu-west-1",
            },
            "Value", Disposition.Mapped
        },
        {
            "step scaling on the queue", new ServiceAutoScaling
            {
                MaxCapacity = 10,
                StepScalingPolicies =
                [
                    new StepScalingPolicy
                    {
                        AdjustmentType = "ChangeInCapacity",
                        Metric = Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", ("QueueName", "orders")),
                        Threshold = 100,
                        StepAdjustments = [new StepAdjustment { MetricIntervalLowerBound = 0, ScalingAdjustment = 2 }],
                    },
                ],
            },
            "aws-sqs-queue",
            new() { ["queueURL"] = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders", ["queueLength"] = "100", ["awsRegion"] = "eu-west-1", ["scaleOnInFlight"] = "false" },
            null, Disposition.Approximated
        },
    };

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Render_AwsMetric_TriggerWithItsScalerAndTheTaskRolesAuthentication(
        string name, ServiceAutoScaling scaling, string type, Dictionary<string, string> metadata, string? metricType, Disposition disposition)
    {
        var result = Render(scaling, taskRole: "arn:aws:iam::123456789012:role/web-task");

        Assert.False(result.Report.HasRejections, name);
        var trigger = Assert.Single(Assert.Single(result.Objects.OfType<ScaledObject>()).Spec.Triggers);
        Assert.Equal((type, metricType, true, "web-aws"), (trigger.Type, trigger.MetricType, trigger.UseCachedMetrics, trigger.AuthenticationRef?.Name));
        Assert.Equal(metadata.OrderBy(p => p.Key), trigger.Metadata.OrderBy(p => p.Key));
        var authentication = Assert.Single(result.Objects.OfType<TriggerAuthentication>());
        Assert.Equal(("web-aws", "aws", "arn:aws:iam::123456789012:role/web-task"), (authentication.Metadata.Name, authentication.Spec.PodIdentity?.Provider, authentication.Spec.PodIdentity?.RoleArn));
        Assert.Null(authentication.Spec.SecretTargetRef);
        Assert.Contains(result.Report.Entries, e => e.Disposition == disposition && e.Reason.Contains($"KEDA {type} trigger", StringComparison.Ordinal));
        Assert.Empty(result.Objects.OfType<V2HorizontalPodAutoscaler>());
    }

    [Theory]
    [InlineData("m1 + m2", "RunningTaskCount", "only the backlog per task")]
    [InlineData("m1 / m2", "CPUUtilization", "'m2' must be the metric ECS/ContainerInsights RunningTaskCount")]
    [InlineData("m2 / m1", "RunningTaskCount", "'m2' must be the metric AWS/SQS ApproximateNumberOfMessagesVisible")]
    public void Render_OtherMetricMath_RejectedNamingTheField(string expression, string denominator, string reason)
    {
        foreach (var capabilities in new[] { Keda, ClusterCapabilities.Kubernetes130 })
        {
            var result = Render(Tracking(new TargetTrackingPolicy { TargetValue = 20, CustomizedMetricSpecification = Backlog(expression, denominator) }), capabilities);

            var rejection = Assert.Single(result.Report.Rejections);
            Assert.Equal("service.autoScaling.targetTrackingPolicies[0].customizedMetricSpecification.metrics", rejection.Path);
            Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_ClusterNamesACredentialsSecret_SecretReferencesNotPodIdentity()
    {
        var cluster = new EcsCluster
        {
            Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = "shop", Annotations = new Dictionary<string, string> { [WellKnownAnnotations.KedaAwsCredentials] = "keda-aws" } },
            Spec = new EcsClusterSpec(),
        };

        var result = Render(Tracking(new TargetTrackingPolicy { TargetValue = 5, CustomizedMetricSpecification = Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", ("QueueName", "orders")) }), taskRole: "arn:aws:iam::123456789012:role/web-task", cluster: cluster);

        var authentication = Assert.Single(result.Objects.OfType<TriggerAuthentication>());
        Assert.Null(authentication.Spec.PodIdentity);
        Assert.Equal(
            [("awsAccessKeyID", "keda-aws", "AWS_ACCESS_KEY_ID"), ("awsSecretAccessKey", "keda-aws", "AWS_SECRET_ACCESS_KEY")],
            authentication.Spec.SecretTargetRef!.Select(r => (r.Parameter, r.Name, r.Key)));
        Assert.Equal(Disposition.Mapped, Entry(result, "service.autoScaling.authentication").Disposition);
    }

    [Fact]
    public void Render_NoTaskRoleNoSecret_KedasOwnIdentityReportedApproximated()
    {
        var result = Render(Tracking(new TargetTrackingPolicy { TargetValue = 5, CustomizedMetricSpecification = Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", ("QueueName", "orders")) }));

        var authentication = Assert.Single(result.Objects.OfType<TriggerAuthentication>());
        Assert.Equal(("aws", null), (authentication.Spec.PodIdentity?.Provider, authentication.Spec.PodIdentity?.RoleArn));
        Assert.Equal(Disposition.Approximated, Entry(result, "service.autoScaling.authentication").Disposition);
    }

    [Fact]
    public void Render_Cooldowns_BehaviorOfKedasHpa()
    {
        var policy = Predefined("ECSServiceAverageCPUUtilization", 50);
        policy.ScaleInCooldown = 600;
        policy.ScaleOutCooldown = 30;

        var scaled = Assert.Single(Render(Tracking(policy)).Objects.OfType<ScaledObject>());

        var behavior = scaled.Spec.Advanced?.HorizontalPodAutoscalerConfig?.Behavior;
        Assert.Equal((600, 30), (behavior?.ScaleDown?.StabilizationWindowSeconds, behavior?.ScaleUp?.StabilizationWindowSeconds));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void Render_MinCapacityZero_ScaledToZeroOnlyThroughAnActivatableTrigger(bool queue, int expectedMin)
    {
        var scaling = queue
            ? Tracking(new TargetTrackingPolicy { TargetValue = 5, CustomizedMetricSpecification = Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", ("QueueName", "orders")) })
            : Tracking(Predefined("ECSServiceAverageCPUUtilization", 50));
        scaling.MinCapacity = 0;

        var result = Render(scaling);

        Assert.Equal(expectedMin, Assert.Single(result.Objects.OfType<ScaledObject>()).Spec.MinReplicaCount);
        Assert.Equal(queue ? Disposition.Mapped : Disposition.Approximated, Entry(result, "service.autoScaling.minCapacity").Disposition);
    }

    [Fact]
    public void Render_ScheduledActionRan_ScaledObjectHoldsTheBoundsInForce()
    {
        var scaling = Tracking(Predefined("ECSServiceAverageCPUUtilization", 50));
        scaling.ScheduledActions =
        [
            new ScheduledAction { ScheduledActionName = "peak", Schedule = "at(2026-06-01T08:00:00)", ScalableTargetAction = new ScalableTargetAction { MinCapacity = 5, MaxCapacity = 20 } },
        ];

        var result = Render(scaling, now: Morning);

        var scaled = Assert.Single(result.Objects.OfType<ScaledObject>());
        Assert.Equal((5, 20), (scaled.Spec.MinReplicaCount, scaled.Spec.MaxReplicaCount));
        Assert.Contains("the operator sets the ScaledObject's minReplicaCount/maxReplicaCount to the bounds the action sets (KEDA updates its HPA)",
            Entry(result, "service.autoScaling.scheduledActions[0]").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoKeda_HpaAndTheReportNamesTheMetricAndTheAdapter()
    {
        var result = Render(
            Tracking(
                new TargetTrackingPolicy { TargetValue = 5, CustomizedMetricSpecification = Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", ("QueueName", "orders")) },
                Predefined("ALBRequestCountPerTarget", 1000, "app/shop-alb/50dc6c495c0c9188/targetgroup/web-tg/943f017f100becff")),
            ClusterCapabilities.Kubernetes130);

        Assert.Empty(result.Objects.OfType<ScaledObject>());
        var hpa = Assert.Single(result.Objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal(["aws_sqs_approximatenumberofmessagesvisible", "alb_request_count_per_target"], hpa.Spec.Metrics.Select(m => m.External.Metric.Name));
        Assert.StartsWith("External metric, served by an External metrics adapter such as KEDA or the CloudWatch adapter: aws_sqs_approximatenumberofmessagesvisible",
            Entry(result, "service.autoScaling.targetTrackingPolicies[0].customizedMetricSpecification").Reason, StringComparison.Ordinal);
        Assert.StartsWith("External metric, served by an External metrics adapter such as KEDA or the CloudWatch adapter: alb_request_count_per_target",
            Entry(result, "service.autoScaling.targetTrackingPolicies[1].predefinedMetricSpecification").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoKedaBacklogPerTask_HpaAverageValueOfTheQueueDepth()
    {
        var result = Render(Tracking(new TargetTrackingPolicy { TargetValue = 20, CustomizedMetricSpecification = Backlog() }), ClusterCapabilities.Kubernetes130);

        var metric = Assert.Single(Assert.Single(result.Objects.OfType<V2HorizontalPodAutoscaler>()).Spec.Metrics).External;
        Assert.Equal(("aws_sqs_approximatenumberofmessagesvisible", "orders"), (metric.Metric.Name, metric.Metric.Selector.MatchLabels["QueueName"]));
        Assert.Equal(("AverageValue", "20"), (metric.Target.Type, metric.Target.AverageValue.ToString()));
        Assert.Equal(Disposition.Mapped, Entry(result, "service.autoScaling.targetTrackingPolicies[0].customizedMetricSpecification.metrics").Disposition);
    }

    [Fact]
    public void Render_NullQueriesAndDimensions_RejectedNotThrown()
    {
        var math = Backlog();
        math.Metrics!.Insert(0, null!);
        var custom = Metric("Shop", "Orders");
        custom.Dimensions!.Add(null!);

        foreach (var capabilities in new[] { Keda, ClusterCapabilities.Kubernetes130 })
        {
            var withMath = Render(Tracking(new TargetTrackingPolicy { TargetValue = 20, CustomizedMetricSpecification = math }), capabilities);
            Assert.False(withMath.Report.HasRejections);
        }

        var withDimension = Render(Tracking(new TargetTrackingPolicy { TargetValue = 20, CustomizedMetricSpecification = custom }));
        Assert.Equal("service.autoScaling.targetTrackingPolicies[0].customizedMetricSpecification.dimensions[0]", Assert.Single(withDimension.Report.Rejections).Path);
    }
}
