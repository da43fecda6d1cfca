namespace EcsOnK8s.Api;

/// <summary>Identity of the EcsOnK8s API: group, version and the names every component agrees on.</summary>
public static class EcsApi
{
    public const string Group = "ecsonk8s.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Category = "ecs";
    public const string FieldManager = "ecsonk8s-operator";
}
