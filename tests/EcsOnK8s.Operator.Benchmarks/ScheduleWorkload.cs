using System.Globalization;
using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using k8s;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// What the schedule benchmark asks the operator to run: one task definition (a one-container Fargate batch task)
/// and N EcsScheduledTasks that start it on the same expression and time zone.
/// </summary>
internal static class ScheduleWorkload
{
    public const string Family = "bench-job";

    public static string ScheduleName(int i) => "st-" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static Task CreateTaskDefinitionAsync(IKubernetes client, string ns, CancellationToken cancellationToken) =>
        BenchWorkload.CreateAsync(client, ns, EcsTaskDefinition.Plural, $$$"""
            {"apiVersion": "{{{EcsApi.ApiVersion}}}", "kind": "{{{EcsTaskDefinition.KindName}}}", "metadata": {"name": "{{{Family}}}"},
             "spec": {"family": "{{{Family}}}", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
               "containerDefinitions": [
                 {"name": "job", "image": "busybox:1.36", "essential": true, "command": ["sh", "-c", "echo run"]}]}}
            """, cancellationToken);

    public static Task CreateScheduleAsync(IKubernetes client, string ns, int i, string expression, string timeZone, CancellationToken cancellationToken)
    {
        var json = $$$"""
            {"apiVersion": "{{{EcsApi.ApiVersion}}}", "kind": "{{{EcsScheduledTask.KindName}}}", "metadata": {"name": "{{{ScheduleName(i)}}}"},
             "spec": {"scheduleExpression": {{{JsonSerializer.Serialize(expression)}}}, "scheduleExpressionTimezone": {{{JsonSerializer.Serialize(timeZone)}}},
               "flexibleTimeWindow": {"mode": "OFF"},
               "target": {"arn": "arn:aws:ecs:eu-central-1:123456789012:cluster/default", "roleArn": "arn:aws:iam::123456789012:role/scheduler",
                 "ecsParameters": {"taskDefinitionArn": "{{{Family}}}", "taskCount": 1, "launchType": "FARGATE"}} }}
            """;
        return BenchWorkload.CreateAsync(client, ns, EcsScheduledTask.Plural, json, cancellationToken);
    }
}
