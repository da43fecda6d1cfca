namespace EcsOnK8s.Events.Tests.Ecs;

/// <summary>
/// ECS events in the shapes of AWS's documentation ("Amazon ECS task state change events", "service action
/// events", "service deployment state change events"): the oracle for the builders' field names, value kinds and,
/// where the operator knows the same facts, values.
/// </summary>
internal static class AwsExamples
{
    /// <summary>The documented Fargate task reaching RUNNING.</summary>
    public const string TaskRunning = """
        {
          "version": "0",
          "id": "3317b2af-7005-947d-b652-f55e762e571a",
          "detail-type": "ECS Task State Change",
          "source": "aws.ecs",
          "account": "111122223333",
          "time": "2020-01-23T17:57:58Z",
          "region": "us-west-2",
          "resources": ["arn:aws:ecs:us-west-2:111122223333:task/FargateCluster/c13b4cb40f1f4fe4a2971f76ae5a47ad"],
          "detail": {
            "attachments": [{ "id": "1789bcae-ddfb-4d10-8ebe-8ac87ddba5b8", "type": "eni", "status": "ATTACHED", "details": [{ "name": "subnetId", "value": "subnet-abcd1234" }] }],
            "availabilityZone": "us-west-2c",
            "clusterArn": "arn:aws:ecs:us-west-2:111122223333:cluster/FargateCluster",
            "containers": [
              {
                "containerArn": "arn:aws:ecs:us-west-2:111122223333:container/cf159fd6-3e3f-4a9e-84f9-66cbe726af01",
                "lastStatus": "RUNNING",
                "name": "FargateApp",
                "image": "111122223333.dkr.ecr.us-west-2.amazonaws.com/hello-repository:latest",
                "imageDigest": "sha256:74b2c688c700ec95a93e478cdb959737c148df3fbf5ea706abe0318726e885e6",
                "runtimeId": "ad64cbc71c7fb31c55507ec24c9f77947132b03d48d9961115cf24f3b7307e1e",
                "taskArn": "arn:aws:ecs:us-west-2:111122223333:task/FargateCluster/c13b4cb40f1f4fe4a2971f76ae5a47ad",
                "networkInterfaces": [{ "attachmentId": "1789bcae-ddfb-4d10-8ebe-8ac87ddba5b8", "privateIpv4Address": "10.0.0.139" }],
                "cpu": "0"
              }
            ],
            "createdAt": "2020-01-23T17:57:34.402Z",
            "launchType": "FARGATE",
            "cpu": "256",
            "memory": "512",
            "desiredStatus": "RUNNING",
            "group": "family:sample-fargate",
            "lastStatus": "RUNNING",
            "overrides": { "containerOverrides": [{ "name": "FargateApp" }] },
            "connectivity": "CONNECTED",
            "connectivityAt": "2020-01-23T17:57:38.453Z",
            "pullStartedAt": "2020-01-23T17:57:52.103Z",
            "startedAt": "2020-01-23T17:57:58.103Z",
            "pullStoppedAt": "2020-01-23T17:57:55.103Z",
            "updatedAt": "2020-01-23T17:57:58.103Z",
            "taskArn": "arn:aws:ecs:us-west-2:111122223333:task/FargateCluster/c13b4cb40f1f4fe4a2971f76ae5a47ad",
            "taskDefinitionArn": "arn:aws:ecs:us-west-2:111122223333:task-definition/sample-fargate:1",
            "version": 4,
            "platformVersion": "1.3.0"
          }
        }
        """;

    /// <summary>
    /// A service's task stopped because its essential container exited, on a capacity provider: the documented
    /// STOPPED fields (stopCode, stoppedReason, stoppingAt, stoppedAt, containers' exitCode, capacityProviderName).
    /// </summary>
    public const string TaskStopped = """
        {
          "version": "0",
          "id": "9bcdac79-b31f-4d3d-9410-fbd727c29fab",
          "detail-type": "ECS Task State Change",
          "source": "aws.ecs",
          "account": "111122223333",
          "time": "2023-03-14T10:05:09Z",
          "region": "eu-west-1",
          "resources": ["arn:aws:ecs:eu-west-1:111122223333:task/web/0f4c5e1b4c7e4b7f9e8f8a1d2c3b4a59"],
          "detail": {
            "clusterArn": "arn:aws:ecs:eu-west-1:111122223333:cluster/web",
            "containers": [
              {
                "containerArn": "arn:aws:ecs:eu-west-1:111122223333:container/web/0f4c5e1b4c7e4b7f9e8f8a1d2c3b4a59/3305bea1-bd16-4217-803d-3e0482170a17",
                "lastStatus": "STOPPED",
                "name": "app",
                "image": "public.ecr.aws/nginx/nginx:1.25",
                "exitCode": 137,
                "reason": "OutOfMemoryError: Container killed due to memory usage",
                "taskArn": "arn:aws:ecs:eu-west-1:111122223333:task/web/0f4c5e1b4c7e4b7f9e8f8a1d2c3b4a59"
              }
            ],
            "createdAt": "2023-03-14T09:58:01.120Z",
            "capacityProviderName": "FARGATE_SPOT",
            "cpu": "512",
            "memory": "1024",
            "desiredStatus": "STOPPED",
            "group": "service:checkout",
            "lastStatus": "STOPPED",
            "startedAt": "2023-03-14T09:58:30.004Z",
            "startedBy": "ecs-svc/1111222233334444",
            "stoppingAt": "2023-03-14T10:05:02.500Z",
            "stoppedAt": "2023-03-14T10:05:09.750Z",
            "stoppedReason": "Essential container in task exited",
            "stopCode": "EssentialContainerExited",
            "updatedAt": "2023-03-14T10:05:09.750Z",
            "taskArn": "arn:aws:ecs:eu-west-1:111122223333:task/web/0f4c5e1b4c7e4b7f9e8f8a1d2c3b4a59",
            "taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/checkout:12",
            "version": 6
          }
        }
        """;

    /// <summary>The documented SERVICE_STEADY_STATE service action.</summary>
    public const string ServiceSteadyState = """
        {
          "version": "0",
          "id": "af3c496d-f4a8-65d1-70f4-a69d52e9b584",
          "detail-type": "ECS Service Action",
          "source": "aws.ecs",
          "account": "111122223333",
          "time": "2019-11-19T19:27:22Z",
          "region": "us-west-2",
          "resources": ["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],
          "detail": {
            "eventType": "INFO",
            "eventName": "SERVICE_STEADY_STATE",
            "clusterArn": "arn:aws:ecs:us-west-2:111122223333:cluster/default",
            "createdAt": "2019-11-19T19:27:22.695Z"
          }
        }
        """;

    /// <summary>The documented SERVICE_TASK_PLACEMENT_FAILURE service action.</summary>
    public const string ServicePlacementFailure = """
        {
          "version": "0",
          "id": "57c9506e-9d21-294c-d2fe-e8738da7e67d",
          "detail-type": "ECS Service Action",
          "source": "aws.ecs",
          "account": "111122223333",
          "time": "2019-11-06T19:09:33Z",
          "region": "us-west-2",
          "resources": ["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],
          "detail": {
            "eventType": "WARN",
            "eventName": "SERVICE_TASK_PLACEMENT_FAILURE",
            "clusterArn": "arn:aws:ecs:us-west-2:111122223333:cluster/default",
            "capacityProviderArns": ["arn:aws:ecs:us-west-2:111122223333:capacity-provider/ASG-tutorial-capacity-provider"],
            "reason": "RESOURCE:MEMORY",
            "createdAt": "2019-11-06T19:09:33.087Z"
          }
        }
        """;

    /// <summary>The documented SERVICE_DEPLOYMENT_IN_PROGRESS deployment state change.</summary>
    public const string DeploymentInProgress = """
        {
          "version": "0",
          "id": "ddca6449-b258-46c0-8653-e0e3a6EXAMPLE",
          "detail-type": "ECS Deployment State Change",
          "source": "aws.ecs",
          "account": "111122223333",
          "time": "2020-05-23T12:31:14Z",
          "region": "us-west-2",
          "resources": ["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],
          "detail": {
            "eventType": "INFO",
            "eventName": "SERVICE_DEPLOYMENT_IN_PROGRESS",
            "deploymentId": "ecs-svc/123",
            "updatedAt": "2020-05-23T11:11:11Z",
            "reason": "ECS deployment ecs-svc/123 in progress."
          }
        }
        """;

    /// <summary>The documented SERVICE_DEPLOYMENT_FAILED deployment state change (circuit breaker).</summary>
    public const string DeploymentFailed = """
        {
          "version": "0",
          "id": "ddca6449-b258-46c0-8653-e0e3a6EXAMPLE",
          "detail-type": "ECS Deployment State Change",
          "source": "aws.ecs",
          "account": "111122223333",
          "time": "2020-05-23T12:31:14Z",
          "region": "us-west-2",
          "resources": ["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],
          "detail": {
            "eventType": "ERROR",
            "eventName": "SERVICE_DEPLOYMENT_FAILED",
            "deploymentId": "ecs-svc/123",
            "updatedAt": "2020-05-23T11:11:11Z",
            "reason": "ECS deployment circuit breaker: task failed to start."
          }
        }
        """;
}
