using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// One user action whose writes the crash suite interrupts: <see cref="Arrange"/> builds the state before it (the
/// operator converges on it unharmed), <see cref="Act"/> is the action; it returns the run-specific strings (a fire
/// time) to normalize in the end state. A flow with <see cref="Event"/> posts that CloudEvent to the operator's events
/// endpoint right after <see cref="Act"/> (the runner does, as the client: it resends it after a failed post).
/// </summary>
internal sealed record CrashFlow(
    string Name,
    Func<EcsClient, string, Task> Arrange,
    Func<EcsClient, IKubernetes, string, Task<IReadOnlyDictionary<string, string>>> Act,
    Func<IKubernetes, string, Task<bool>>? Done = null,
    string? Event = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoReplacements = new Dictionary<string, string>();

    public override string ToString() => Name;

    /// <summary>The CloudEvent the event-delivery flow posts; its id is the sender's, so a resent post carries it again.</summary>
    public const string PostedEventId = "crash-upload-0001";

    /// <summary>create service, scale, new revision (rollout), rollback, delete service, run task, schedule firing, event delivery.</summary>
    public static IReadOnlyList<CrashFlow> All { get; } =
    [
        new("create service", ArrangeWeb(service: false), async (ecs, _, ns) =>
        {
            await CreateAsync<EcsService>(ecs, ns, Service(desiredCount: 2));
            return NoReplacements;
        }),
        new("scale", ArrangeWeb(service: true), async (ecs, _, ns) =>
        {
            await ecs.PatchAsync<EcsService>(ns, "web", new { spec = new { desiredCount = 3 } });
            return NoReplacements;
        }),
        new("new revision (rollout)", ArrangeWeb(service: true), async (ecs, _, ns) =>
        {
            await ecs.PatchAsync<EcsTaskDefinition>(ns, "web", NewImage);
            return NoReplacements;
        }),
        new("rollback", async (ecs, ns) =>
        {
            await ArrangeWeb(service: true)(ecs, ns);

            // Revision 1 first: a patch before the operator saw the created spec would make it revision 1 itself.
            await Eventually.ValueAsync(() => ecs.GetAsync<EcsTaskDefinition>(ns, "web"), td => td?.Status?.ObservedGeneration == 1, "revision 1 of web", TimeSpan.FromSeconds(60));
            await ecs.PatchAsync<EcsTaskDefinition>(ns, "web", NewImage);
        }, async (ecs, _, ns) =>
        {
            await ecs.PatchAsync<EcsService>(ns, "web", new { spec = new { taskDefinition = "web:1" } });
            return NoReplacements;
        }),
        new("delete service", ArrangeWeb(service: true), async (ecs, _, ns) =>
        {
            await ecs.DeleteAsync<EcsService>(ns, "web");
            return NoReplacements;
        }),
        new("run task", (ecs, ns) => CreateAsync<EcsTaskDefinition>(ecs, ns, ReportTaskDefinition), async (ecs, _, ns) =>
        {
            await CreateAsync<EcsTask>(ecs, ns, """
                apiVersion: ecsonk8s.io/v1alpha1
                kind: EcsTask
                metadata: {name: nightly}
                spec: {taskDefinition: report, count: 2, startedBy: ci}
                """);
            return NoReplacements;
        }),
        new("schedule firing (operator-timed)", (ecs, ns) => CreateAsync<EcsTaskDefinition>(ecs, ns, ReportTaskDefinition), async (ecs, _, ns) =>
        {
            // An at() a few seconds ahead: the operator times it (no CronJob); its writes are the status, the Job at
            // the fire time and the status after it.
            var at = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6);
            at = new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var expression = $"at({at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)})";
            await CreateAsync<EcsScheduledTask>(ecs, ns, $$"""
                apiVersion: ecsonk8s.io/v1alpha1
                kind: EcsScheduledTask
                metadata: {name: once}
                spec:
                  scheduleExpression: "{{expression}}"
                  target:
                    arn: arn:aws:ecs:us-east-1:123456789012:cluster/default
                    ecsParameters: {taskDefinitionArn: report, taskCount: 1}
                """);
            return new Dictionary<string, string>
            {
                [ScheduledTaskReconciler.RunJobName("once", at)] = "once-<run>",
                [expression] = "at(<fire time>)",
            };
        }, Done: async (client, ns) => (await client.BatchV1.ListNamespacedJobAsync(ns)).Items.Count > 0),
        new("event delivery", async (ecs, ns) =>
        {
            await CreateAsync<EcsTaskDefinition>(ecs, ns, ReportTaskDefinition);
            await CreateAsync<EcsEventRule>(ecs, ns, """
                apiVersion: ecsonk8s.io/v1alpha1
                kind: EcsEventRule
                metadata: {name: on-upload}
                spec:
                  eventPattern: {source: [aws.s3], detail-type: [Object Created]}
                  targets:
                  - id: loader
                    ecsTask: {taskDefinition: report, count: 1}
                """);
        }, async (ecs, _, ns) =>
        {
            // The rule's delivery record is named after its UID, which every run draws anew.
            var rule = await ecs.GetAsync<EcsEventRule>(ns, "on-upload");
            return new Dictionary<string, string> { [rule!.Metadata.Uid] = "<rule-uid>" };
        }, Done: async (client, ns) => (await client.BatchV1.ListNamespacedJobAsync(ns)).Items.Count > 0
            && (await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: $"{WellKnownLabels.EventRecord}={WellKnownLabels.EventRecordPending}")).Items.Count == 0,
        Event: $$"""
            {"specversion": "1.0", "id": "{{PostedEventId}}", "source": "aws.s3", "type": "Object Created",
             "datacontenttype": "application/json", "data": {"bucket": {"name": "uploads"}, "object": {"key": "incoming/a.csv"} } }
            """),
    ];

    private static object NewImage => new
    {
        spec = new { containerDefinitions = new[] { new { name = "app", image = "nginx:1.28", portMappings = new[] { new { containerPort = 8080 } } } } },
    };

    private const string ReportTaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: report}
        spec:
          containerDefinitions: [{name: report, image: "busybox:1.36", memory: 64, command: [sh, -c, "echo done"]}]
        """;

    private static Func<EcsClient, string, Task> ArrangeWeb(bool service) => async (ecs, ns) =>
    {
        await CreateAsync<EcsCluster>(ecs, ns, Host.MinimalService.Cluster);
        await CreateAsync<EcsTaskDefinition>(ecs, ns, Host.MinimalService.TaskDefinition);
        if (service)
        {
            await CreateAsync<EcsService>(ecs, ns, Service(desiredCount: 1));
        }
    };

    private static string Service(int desiredCount) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: web}
        spec:
          taskDefinition: web
          desiredCount: {{desiredCount}}
          launchType: FARGATE
        """;

    public static Task<T> CreateAsync<T>(EcsClient ecs, string ns, string yaml)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = KubernetesYaml.Deserialize<T>(yaml);
        resource.Metadata.NamespaceProperty = ns;
        return ecs.CreateAsync(resource);
    }
}
