using System.Text;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Host;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using EcsOnK8s.Translation.Pods;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>
/// ECS events delivered to an HTTP target against the real API server: there are no controllers or nodes, so the
/// test plays the Job controller and the kubelet (it creates the task's pod and writes its status).
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class EventDeliveryTests(KubeFixture fixture)
{
    private const string SigningKey = "test-signing-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EssentialContainerExits_HttpTarget_GetsSignedCloudEventWithStopCodeAndExitCode()
    {
        using var receiver = new EventReceiver();
        var ns = await fixture.CreateNamespaceAsync("ev-signed");
        await using var host = await StartOperatorAsync(ns);
        await CreateRuleAsync(ns, receiver.Url);

        var job = await StartTaskAsync(ns, "report");
        await ExitAsync(ns, job, exitCode: 3);

        var received = await Eventually.ValueAsync(
            () => Task.FromResult(receiver.FirstAccepted), r => r is not null, "the STOPPED event at the receiver", Patience);
        Assert.True(received!.SignedWith(SigningKey), "the signature is the HMAC-SHA256 of the body with the Secret's key");
        Assert.StartsWith("application/cloudevents+json", received.ContentType, StringComparison.Ordinal);
        var body = received.Json;
        Assert.Equal("1.0", body.GetProperty("specversion").GetString());
        Assert.Equal("ECS Task State Change", body.GetProperty("type").GetString());
        Assert.Equal("aws.ecs", body.GetProperty("source").GetString());
        var data = body.GetProperty("data");
        Assert.Equal("STOPPED", data.GetProperty("lastStatus").GetString());
        Assert.Equal("EssentialContainerExited", data.GetProperty("stopCode").GetString());
        Assert.Equal(3, data.GetProperty("containers")[0].GetProperty("exitCode").GetInt32());
        Assert.Equal("family:report", data.GetProperty("group").GetString());
        Assert.Equal($"arn:aws:ecs:local:000000000000:task/default/{job.Metadata.Uid.Replace("-", string.Empty, StringComparison.Ordinal)}", data.GetProperty("taskArn").GetString());
        Assert.Equal("payments", received.Headers["X-Team"]);

        var rule = await Eventually.ValueAsync(
            () => new EcsClient(fixture.Client).GetAsync<EcsEventRule>(ns, "stopped"),
            r => r?.Status?.Targets?.SingleOrDefault()?.Delivered == 1, "delivered 1 in the rule's status", Patience);
        Assert.Equal("True", OperatorScenario.ConditionOf(rule!.Status.Conditions, ConditionTypes.Ready)?.Status);
        var record = (await Eventually.ValueAsync(
            async () => (await fixture.Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name=ecsonk8s-rule-" + rule.Metadata.Uid)).Items.FirstOrDefault(),
            c => c?.Data?.Count == 1, "the rule's delivery record", Patience))!;
        Assert.Equal(rule.Metadata.Uid, Assert.Single(record.Metadata.OwnerReferences).Uid);
        Assert.DoesNotContain(SigningKey, string.Join(" ", record.Data.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiverDown_ForThirtySeconds_RetriedWithBackoffAndDeliveredWhenItReturns()
    {
        using var receiver = new EventReceiver();
        receiver.Stop();
        var ns = await fixture.CreateNamespaceAsync("ev-down");

        // The default retry timings (base 1 s, doubling, jitter): after 30 s down the next attempt is at most one
        // backoff step (about 32 s) after the receiver returns.
        await using var host = await StartOperatorAsync(ns, retryBaseDelay: "1s");
        await CreateRuleAsync(ns, receiver.Url);
        var job = await StartTaskAsync(ns, "report");
        await ExitAsync(ns, job, exitCode: 1);

        // While it is down the rule reports the failed attempts; nothing is a dead letter.
        var failing = await Eventually.ValueAsync(
            () => new EcsClient(fixture.Client).GetAsync<EcsEventRule>(ns, "stopped"),
            r => r?.Status?.LastError?.Contains("cannot reach 127.0.0.1", StringComparison.Ordinal) == true, "the failed attempts in status", Patience);
        Assert.Null(failing!.Status.DeadLetters);

        // The outage itself is the scenario: the receiver stays down for 30 s after the first failed attempt.
        await Task.Delay(TimeSpan.FromSeconds(30));
        var stillDown = await new EcsClient(fixture.Client).GetAsync<EcsEventRule>(ns, "stopped");
        Assert.Null(stillDown!.Status.DeadLetters);
        Assert.Equal(0L, stillDown.Status.Targets?.SingleOrDefault()?.Delivered ?? 0);
        receiver.Start();

        var received = await Eventually.ValueAsync(
            () => Task.FromResult(receiver.FirstAccepted), r => r is not null, "the event after the receiver came back", TimeSpan.FromSeconds(75));
        Assert.Equal("STOPPED", received!.Json.GetProperty("data").GetProperty("lastStatus").GetString());
        var rule = await Eventually.ValueAsync(
            () => new EcsClient(fixture.Client).GetAsync<EcsEventRule>(ns, "stopped"),
            r => r?.Status?.Targets?.SingleOrDefault()?.Delivered == 1, "delivered in status", Patience);
        Assert.Equal(0L, rule!.Status.Targets!.Single().Failed ?? 0);
        Assert.Single(receiver.Accepted);
    }

    [Fact]
    public async Task OperatorStoppedBeforeDelivery_Restarted_DeliveredOncePerState()
    {
        using var receiver = new EventReceiver { Status = 503 };
        var ns = await fixture.CreateNamespaceAsync("ev-restart");
        var first = await StartOperatorAsync(ns);
        await CreateRuleAsync(ns, receiver.Url);
        var job = await StartTaskAsync(ns, "report");
        await ExitAsync(ns, job, exitCode: 2);
        var attempted = await Eventually.ValueAsync(
            () => Task.FromResult(receiver.Requests.FirstOrDefault()), r => r is not null, "an attempt the receiver refused", Patience);
        await first.DisposeAsync();

        // Down: the state changed and was never delivered. A new operator derives it again and delivers it.
        receiver.Status = 200;
        await using (await StartOperatorAsync(ns))
        {
            var delivered = await Eventually.ValueAsync(
                () => Task.FromResult(receiver.FirstAccepted), r => r is not null, "the event after the restart", Patience);
            Assert.Equal(attempted!.Id, delivered!.Id);
            var ruleUid = (await new EcsClient(fixture.Client).GetAsync<EcsEventRule>(ns, "stopped"))!.Metadata.Uid;
            await Eventually.ValueAsync(
                async () => (await fixture.Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name=ecsonk8s-rule-" + ruleUid)).Items.FirstOrDefault(),
                c => c?.Data?.Values.Any(v => v.Contains("\"Delivered\":{\"hook\":8}", StringComparison.Ordinal)) == true, "the delivery recorded", Patience);
        }

        // Another restart delivers nothing again: a second task's event (the sentinel) comes through the same
        // target's queue after the restart's re-derivation, so a repeat of the first would arrive before it.
        await using var third = await StartOperatorAsync(ns);
        var sentinel = await StartTaskAsync(ns, "sentinel");
        await ExitAsync(ns, sentinel, exitCode: 0);
        await Eventually.TrueAsync(() => receiver.Accepted.Count >= 2, "the sentinel's event", Patience);
        Assert.Equal(attempted!.Id, receiver.FirstAccepted!.Id);
        Assert.Equal(2, receiver.Accepted.Count);
        Assert.Single(receiver.Accepted, r => r.Id == attempted.Id);
    }

    [Fact]
    public async Task InvalidPattern_Refused_DegradedWithThePath()
    {
        var ns = await fixture.CreateNamespaceAsync("ev-invalid");
        await using var host = await StartOperatorAsync(ns);
        var ecs = new EcsClient(fixture.Client);
        var rule = KubernetesYaml.Deserialize<EcsEventRule>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: bad}
            spec:
              eventPattern: {detail: {lastStatus: [{prefix: 5}]}}
              targets: [{id: hook, http: {url: "http://127.0.0.1:9/"}}]
            """);
        rule.Metadata.NamespaceProperty = ns;
        await ecs.CreateAsync(rule);

        var status = await Eventually.ValueAsync(
            () => ecs.GetAsync<EcsEventRule>(ns, "bad"),
            r => OperatorScenario.ConditionOf(r?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True", "Degraded", Patience);
        var degraded = OperatorScenario.ConditionOf(status!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.InvalidEventPattern, degraded.Reason);
        Assert.StartsWith("spec.eventPattern.detail.lastStatus", degraded.Message, StringComparison.Ordinal);
        Assert.Equal("False", OperatorScenario.ConditionOf(status.Status.Conditions, ConditionTypes.Ready)?.Status);
    }

    private async Task<OperatorHostHarness> StartOperatorAsync(string ns, string retryBaseDelay = "200ms")
    {
        var host = await OperatorHostHarness.StartAsync(
            fixture.KubeconfigPath, ownMetrics: true, "--namespaces", ns, "--leader-election", "false", "--events-retry-base-delay", retryBaseDelay);
        host.Probe.AllowSync();
        return host;
    }

    /// <summary>The signing Secret and a rule sending every STOPPED task of the namespace to <paramref name="url"/>.</summary>
    private async Task CreateRuleAsync(string ns, string url)
    {
        if (!await SecretExistsAsync(ns))
        {
            await fixture.Client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = "hook" }, Data = new Dictionary<string, byte[]> { ["hmac"] = Encoding.UTF8.GetBytes(SigningKey) } }, ns);
        }

        if (await new EcsClient(fixture.Client).GetAsync<EcsEventRule>(ns, "stopped") is not null)
        {
            return;
        }

        var rule = KubernetesYaml.Deserialize<EcsEventRule>($$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: stopped}
            spec:
              eventPattern:
                source: [aws.ecs]
                detail-type: [ECS Task State Change]
                detail: {lastStatus: [STOPPED]}
              targets:
              - id: hook
                http:
                  url: "{{url}}"
                  headers: {X-Team: payments}
                  signingSecretRef: {name: hook, key: hmac}
            """);
        rule.Metadata.NamespaceProperty = ns;
        await new EcsClient(fixture.Client).CreateAsync(rule);
        await Eventually.ValueAsync(
            () => new EcsClient(fixture.Client).GetAsync<EcsEventRule>(ns, "stopped"),
            r => OperatorScenario.ConditionOf(r?.Status?.Conditions, ConditionTypes.Ready)?.Status == "True", "the rule Ready", Patience);
    }

    private async Task<bool> SecretExistsAsync(string ns) =>
        (await fixture.Client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Any(s => s.Metadata.Name == "hook");

    /// <summary>An EcsTask of a one-container task definition; returns its Job once the operator created it.</summary>
    private async Task<V1Job> StartTaskAsync(string ns, string name)
    {
        var ecs = new EcsClient(fixture.Client);
        if (await ecs.GetAsync<EcsCluster>(ns, "default") is null)
        {
            var cluster = KubernetesYaml.Deserialize<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
            cluster.Metadata.NamespaceProperty = ns;
            await ecs.CreateAsync(cluster);
        }

        var definition = KubernetesYaml.Deserialize<EcsTaskDefinition>($$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: {{name}}}
            spec:
              containerDefinitions: [{name: app, image: busybox, memory: 64, essential: true}]
            """);
        definition.Metadata.NamespaceProperty = ns;
        await ecs.CreateAsync(definition);
        var task = KubernetesYaml.Deserialize<EcsTask>($"apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTask\nmetadata: {{name: {name}}}\nspec: {{taskDefinition: {name}}}");
        task.Metadata.NamespaceProperty = ns;
        await ecs.CreateAsync(task);
        var jobs = await Eventually.ValueAsync(
            async () => (await fixture.Client.BatchV1.ListNamespacedJobAsync(ns, labelSelector: $"{WellKnownLabels.Task}={name}")).Items,
            j => j.Count == 1, "the task's Job", Patience);
        return jobs.Single();
    }

    /// <summary>Plays the Job controller and the kubelet: the Job's pod, running, then its essential container exits.</summary>
    private async Task ExitAsync(string ns, V1Job job, int exitCode)
    {
        var template = job.Spec.Template;
        var account = template.Spec.ServiceAccountName ?? "default";
        if ((await fixture.Client.CoreV1.ListNamespacedServiceAccountAsync(ns)).Items.All(a => a.Metadata.Name != account))
        {
            // No service account controller here: the pod's account must exist for the API server to admit the pod.
            await fixture.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = account } }, ns);
        }

        template.Spec.AutomountServiceAccountToken = false;
        var labels = new Dictionary<string, string>(template.Metadata.Labels) { [WellKnownLabels.JobName] = job.Metadata.Name };
        var pod = await fixture.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = job.Metadata.Name + "-pod",
                Labels = labels,
                Annotations = template.Metadata.Annotations,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "Job", Name = job.Metadata.Name, Uid = job.Metadata.Uid, Controller = true }],
            },
            Spec = template.Spec,
        }, ns);
        Assert.Equal("app", pod.Metadata.Annotations[PodAnnotations.EssentialContainers]);
        var now = DateTime.UtcNow;
        pod.Status = new V1PodStatus
        {
            Phase = "Failed",
            StartTime = now.AddSeconds(-5),
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "app", Image = "busybox", ImageID = string.Empty, Ready = false, RestartCount = 0,
                    State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Reason = "Error", StartedAt = now.AddSeconds(-4), FinishedAt = now } },
                },
            ],
        };
        await fixture.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, pod.Metadata.Name, ns);
    }
}
