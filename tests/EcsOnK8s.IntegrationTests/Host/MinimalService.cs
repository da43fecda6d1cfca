namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// The least an operator process needs to render a Deployment: a FARGATE cluster named "default", the task
/// definition "web" and services of one task that run it.
/// </summary>
internal static class MinimalService
{
    public const string Cluster = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsCluster
        metadata: {name: default}
        spec:
          capacityProviders:
          - name: FARGATE
        """;

    public const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          family: web
          networkMode: awsvpc
          requiresCompatibilities: [FARGATE]
          cpu: "256"
          memory: "512"
          containerDefinitions:
          - name: app
            image: nginx:1.27
            portMappings: [{containerPort: 8080}]
        """;

    public static string Service(string name) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: {{name}}}
        spec:
          taskDefinition: web
          desiredCount: 1
          launchType: FARGATE
        """;
}
