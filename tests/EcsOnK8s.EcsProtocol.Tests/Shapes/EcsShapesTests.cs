using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.EcsProtocol.Naming;
using EcsOnK8s.EcsProtocol.Shapes;
using EcsOnK8s.Events.Ecs;
using k8s;

namespace EcsOnK8s.EcsProtocol.Tests.Shapes;

public sealed class EcsShapesTests
{
    private static readonly EcsShapes Shapes = new(new EcsNames(new EcsArns(new EcsEventSettings { Region = "local", Account = "000000000000" })));

    [Fact]
    public void Service_WithStatus_EcsMembersArnsAndEpochTimes()
    {
        var created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var service = KubernetesJson.Deserialize<EcsService>("""
            {"metadata":{"name":"web","namespace":"team-a","creationTimestamp":"2026-01-02T03:04:05Z"},
             "spec":{"cluster":"prod","taskDefinition":"web","desiredCount":3,"autoScaling":{"minCapacity":1,"maxCapacity":4},
                     "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100},"tags":[{"key":"team","value":"a"}]},
             "status":{"status":"ACTIVE","taskDefinition":"web:2","runningCount":2,"pendingCount":1,
                       "deployments":[{"id":"ecs-svc/1","status":"PRIMARY","taskDefinition":"web:2","desiredCount":3,"runningCount":2,"pendingCount":1,"rolloutState":"IN_PROGRESS","createdAt":"2026-01-02T03:04:05Z"}],
                       "events":[{"id":"e1","createdAt":"2026-01-02T03:04:05Z","message":"service web has started 1 tasks."}]}}
            """);

        var shape = Shapes.Service(service, includeTags: true);

        Assert.Equal("arn:aws:ecs:local:000000000000:service/prod/web", (string?)shape["serviceArn"]);
        Assert.Equal("arn:aws:ecs:local:000000000000:cluster/prod", (string?)shape["clusterArn"]);
        Assert.Equal("arn:aws:ecs:local:000000000000:task-definition/web:2", (string?)shape["taskDefinition"]);
        Assert.Equal((3, 2, 1), ((int)shape["desiredCount"]!, (int)shape["runningCount"]!, (int)shape["pendingCount"]!));
        Assert.Equal((created - DateTime.UnixEpoch).TotalSeconds, (double)shape["createdAt"]!);
        var deployment = shape["deployments"]![0]!;
        Assert.Equal(("PRIMARY", "IN_PROGRESS", "arn:aws:ecs:local:000000000000:task-definition/web:2"), ((string?)deployment["status"], (string?)deployment["rolloutState"], (string?)deployment["taskDefinition"]));
        Assert.Equal("service web has started 1 tasks.", (string?)shape["events"]![0]!["message"]);
        Assert.Equal("a", (string?)shape["tags"]![0]!["value"]);
        Assert.Equal(200, (int)shape["deploymentConfiguration"]!["maximumPercent"]!);
        Assert.Null(shape["autoScaling"]);
        Assert.Null(shape["cluster"]);
    }

    [Fact]
    public void Service_BeingDeleted_Draining() =>
        Assert.Equal("DRAINING", (string?)Shapes.Service(new EcsService { Metadata = new() { Name = "web", DeletionTimestamp = DateTime.UtcNow } }, false)["status"]);

    [Fact]
    public void TaskDefinition_Revision_ReadOnlyMembersSetAndOursDropped()
    {
        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>("""{"family":"web","cpu":"256","containerDefinitions":[{"name":"app","image":"nginx","essential":true}],"inactiveRevisions":[1],"tags":[{"key":"k","value":"v"}]}""");
        var shape = Shapes.TaskDefinition(spec, "web", 2, EcsShapes.Active, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal("arn:aws:ecs:local:000000000000:task-definition/web:2", (string?)shape["taskDefinitionArn"]);
        Assert.Equal((2, "ACTIVE", "256"), ((int)shape["revision"]!, (string?)shape["status"], (string?)shape["cpu"]));
        Assert.Null(shape["inactiveRevisions"]);
        Assert.Null(shape["tags"]);
        Assert.Equal("nginx", (string?)shape["containerDefinitions"]![0]!["image"]);
    }

    [Fact]
    public void Task_StoppedWithExitCode_ContainersAndStopCode()
    {
        var uid = "0b5d2f6e-8d1c-4a57-9d0a-2f9e3c1b7a64";
        var task = new TaskInstanceStatus
        {
            LastStatus = "STOPPED", DesiredStatus = "STOPPED", StopCode = "EssentialContainerExited", StoppedReason = "Essential container in task exited",
            Containers = [new ContainerInstanceStatus { Name = "app", LastStatus = "STOPPED", ExitCode = 3 }],
        };
        var shape = Shapes.Task(task, "default", uid, "batch:1", "family:batch", null, null);
        Assert.Equal("arn:aws:ecs:local:000000000000:task/default/0b5d2f6e8d1c4a579d0a2f9e3c1b7a64", (string?)shape["taskArn"]);
        Assert.Equal(3, (int)shape["containers"]![0]!["exitCode"]!);
        Assert.Equal("EssentialContainerExited", (string?)shape["stopCode"]);
        Assert.Null(shape["startedBy"]);
    }
}
