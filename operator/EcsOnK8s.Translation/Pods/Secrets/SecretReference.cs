using EcsOnK8s.Translation.Naming;

namespace EcsOnK8s.Translation.Pods.Secrets;

/// <summary>
/// An ECS secret reference (<c>secrets[].valueFrom</c>, <c>repositoryCredentials.credentialsParameter</c>) and the
/// Kubernetes Secret that stands for it. Never holds a value.
/// </summary>
/// <remarks>
/// Naming rule, documented in docs/translation.md:
/// <list type="bullet">
/// <item>Secrets Manager <c>arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf[:json-key:version-stage:version-id]</c>:
/// the secret name without the 6-character random suffix AWS appends (a partial ARN without it is accepted);
/// <c>json-key</c> becomes the Secret key, <c>value</c> otherwise.</item>
/// <item>SSM <c>arn:aws:ssm:REGION:ACCOUNT:parameter/path/name</c>, <c>/path/name</c> or <c>name</c>: the parameter
/// name; the key is <c>value</c>.</item>
/// </list>
/// The Secret name is the remote name made a DNS-1123 subdomain (<c>prod/db_password</c> → <c>prod-db-password</c>):
/// every reference to the same remote secret lands in the same Secret, one key per JSON key. Region and account
/// are not part of the name.
/// </remarks>
public sealed record SecretReference(
    SecretSource Source,
    string RemoteName,
    string SecretName,
    string Key,
    string? JsonKey,
    string? VersionStage,
    string? VersionId)
{
    /// <summary>Key used when the whole secret value is referenced.</summary>
    public const string WholeValueKey = "value";

    /// <summary>Parses a reference. Never throws: anything that is not a Secrets Manager ARN is an SSM parameter.</summary>
    public static SecretReference Parse(string valueFrom)
    {
        ArgumentNullException.ThrowIfNull(valueFrom);
        var text = valueFrom.Trim();
        var parts = text.Split(':');
        if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "secretsmanager" && parts[5] == "secret")
        {
            var remote = StripRandomSuffix(parts[6]);
            var jsonKey = NullIfEmpty(parts.Length > 7 ? parts[7] : null);
            var stage = NullIfEmpty(parts.Length > 8 ? parts[8] : null);
            var id = NullIfEmpty(parts.Length > 9 ? parts[9] : null);
            return new SecretReference(
                SecretSource.SecretsManager,
                remote,
                NameFor(remote),
                jsonKey is null ? WholeValueKey : KeyFor(jsonKey),
                jsonKey,
                stage,
                id);
        }

        string parameter;
        if (parts.Length >= 6 && parts[0] == "arn" && parts[2] == "ssm")
        {
            // arn:aws:ssm:region:account:parameter/path/name; a parameter at the root has no leading slash.
            var resource = string.Join(':', parts[5..]);
            parameter = resource.StartsWith("parameter/", StringComparison.Ordinal) ? resource["parameter".Length..] : resource;
            if (parameter.StartsWith('/') && parameter.IndexOf('/', 1) < 0)
            {
                parameter = parameter[1..];
            }
        }
        else
        {
            parameter = text;
        }

        return new SecretReference(SecretSource.ParameterStore, parameter, NameFor(parameter), WholeValueKey, null, null, null);
    }

    /// <summary>A Secret key from a JSON key: keys allow <c>[-._a-zA-Z0-9]</c>, anything else becomes <c>_</c>.</summary>
    public static string KeyFor(string jsonKey)
    {
        ArgumentNullException.ThrowIfNull(jsonKey);
        var chars = jsonKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray();
        var key = new string(chars);
        return key.Length == 0 || key is "." or ".." ? WholeValueKey : key;
    }

    private static string NameFor(string remote) => KubeNames.SanitizeSubdomain(remote.Replace('/', '-'), fallback: "secret");

    private static string StripRandomSuffix(string name)
    {
        // AWS appends "-" and 6 random alphanumerics to every secret name in its ARN.
        if (name.Length > 7 && name[^7] == '-' && name[^6..].All(char.IsAsciiLetterOrDigit))
        {
            return name[..^7];
        }

        return name;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
