using System.Globalization;
using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.EcsProtocol.Naming;

/// <summary>
/// Names and ARNs of the API, in the one scheme of <see cref="EcsArns"/> (region and account from settings): wherever
/// ECS takes a name or an ARN, both are accepted; an ARN must be of the resource type asked for and of the
/// configured region and account. Every refusal is an <see cref="EcsErrorType.InvalidParameterException"/> naming the member.
/// </summary>
public sealed class EcsNames(EcsArns arns)
{
    public const string DefaultCluster = "default";

    public EcsArns Arns => arns;

    /// <summary>The cluster a member names (a name or a cluster ARN); <see cref="DefaultCluster"/> when absent.</summary>
    public string Cluster(string? nameOrArn, string member = "cluster")
    {
        if (string.IsNullOrEmpty(nameOrArn))
        {
            return DefaultCluster;
        }

        return IsArn(nameOrArn) ? Single(Resource(nameOrArn, "cluster", member), member, nameOrArn) : Name(nameOrArn, member);
    }

    /// <summary>A service member: a name, or a service ARN (new form service/CLUSTER/NAME, or the old service/NAME) whose cluster must agree.</summary>
    public string Service(string nameOrArn, string cluster, string member = "service")
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        if (!IsArn(nameOrArn))
        {
            return Name(nameOrArn, member);
        }

        var parts = Resource(nameOrArn, "service", member).Split('/');
        if (parts.Length == 2 && parts[0] != cluster)
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, $"{member}: the ARN '{nameOrArn}' is of cluster '{parts[0]}', not '{cluster}'.");
        }

        return parts.Length is 1 or 2 ? parts[^1] : throw Bad(member, nameOrArn);
    }

    /// <summary>A task member: a task id (32 hex digits) or a task ARN task/CLUSTER/ID.</summary>
    public string TaskId(string idOrArn, string member = "task")
    {
        ArgumentNullException.ThrowIfNull(idOrArn);
        var id = IsArn(idOrArn) ? Resource(idOrArn, "task", member).Split('/')[^1] : idOrArn;
        return id.Length == 32 && id.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c))
            ? id
            : throw new EcsApiException(EcsErrorType.InvalidParameterException, $"{member}: '{idOrArn}' is not a task id or task ARN.");
    }

    /// <summary>A task definition member: family, family:revision, or its ARN; the revision is null for the family alone.</summary>
    public (string Family, int? Revision) TaskDefinition(string value, string member = "taskDefinition")
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = IsArn(value) ? Resource(value, "task-definition", member) : value;
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return (Family(text, member), null);
        }

        return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0
            ? (Family(text[..colon], member), revision)
            : throw new EcsApiException(EcsErrorType.InvalidParameterException, $"{member}: '{value}' is not FAMILY, FAMILY:REVISION or a task definition ARN.");
    }

    /// <summary>A family: up to 255 letters, digits, '-' and '_', as ECS allows.</summary>
    public static string Family(string family, string member = "family")
    {
        ArgumentNullException.ThrowIfNull(family);
        return family.Length is > 0 and <= 255 && family.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? family
            : throw new EcsApiException(EcsErrorType.InvalidParameterException, $"{member}: '{family}' is not a valid family (up to 255 letters, numbers, hyphens and underscores).");
    }

    /// <summary>
    /// A cluster or service name as a Kubernetes object name: EcsOnK8s names are the objects' names, so only lower-case
    /// letters, digits and '-' (at most 63) are served; ECS would take more.
    /// </summary>
    public static string Name(string name, string member)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && name[0] != '-' && name[^1] != '-'
            ? name
            : throw new EcsApiException(EcsErrorType.InvalidParameterException,
                $"{member}: '{name}' is not served: names here are Kubernetes names (lower-case letters, digits and '-', at most 63, starting and ending alphanumeric).");
    }

    /// <summary>The resource type of an ARN of this region and account (cluster, service, task, task-definition, ...).</summary>
    public string TypeOf(string arn, string member)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':', 6);
        var slash = parts.Length == 6 ? parts[5].IndexOf('/', StringComparison.Ordinal) : -1;
        if (!IsArn(arn) || slash <= 0)
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, $"{member}: '{arn}' is not an ECS ARN.");
        }

        var type = parts[5][..slash];
        Resource(arn, type, member);
        return type;
    }

    public static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>The resource part after TYPE/ of an ARN of this region and account, or a refusal naming the member.</summary>
    private string Resource(string arn, string type, string member)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "ecs" || !parts[5].StartsWith(type + "/", StringComparison.Ordinal) || parts[5].Length == type.Length + 1)
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, $"{member}: '{arn}' is not a {type} ARN (arn:aws:ecs:{arns.Settings.Region}:{arns.Settings.Account}:{type}/...).");
        }

        if (parts[3] != arns.Settings.Region || parts[4] != arns.Settings.Account)
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException,
                $"{member}: '{arn}' is of region '{parts[3]}' and account '{parts[4]}'; this endpoint serves region '{arns.Settings.Region}' and account '{arns.Settings.Account}'.");
        }

        return parts[5][(type.Length + 1)..];
    }

    private static string Single(string resource, string member, string arn) =>
        resource.Contains('/', StringComparison.Ordinal) ? throw Bad(member, arn) : Name(resource, member);

    private static EcsApiException Bad(string member, string value) =>
        new(EcsErrorType.InvalidParameterException, $"{member}: '{value}' is not a valid identifier.");
}
