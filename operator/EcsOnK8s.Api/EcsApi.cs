namespace EcsOnK8s.Api;

/// <summary>Identity of the EcsOnK8s API: group, version and the names every component agrees on.</summary>
public static class EcsApi
{
    public const string Group = "ecsonk8s.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Category = "ecs";
    public const string FieldManager = "ecsonk8s-operator";

    /// <summary>The field manager of what the ECS API endpoint writes on a caller's behalf (apart from the operator's own writes).</summary>
    public const string EcsApiFieldManager = "ecsonk8s-ecs-api";
}
