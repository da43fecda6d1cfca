using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOnK8s.IntegrationTests.Cli;

namespace EcsOnK8s.IntegrationTests.EcsApiServer;

/// <summary>
/// The AWS CLI (v1) pointed at the endpoint with one access key: <c>aws ecs ... --endpoint-url URL --no-verify-ssl</c>,
/// no profile, no retries. Each call's command line and answer is kept for the transcript.
/// </summary>
internal sealed partial class AwsCli(Uri endpoint, string accessKeyId, string secretAccessKey, string region = "local")
{
    public List<string> Transcript { get; } = [];

    /// <summary>Runs <c>aws ecs ARGS</c>; the parsed JSON answer (null when there was no output) or the AWS error code.</summary>
    public async Task<(JsonNode? Answer, string? ErrorCode, string Error)> TryAsync(params string[] args)
    {
        string[] all = ["ecs", .. args, "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--no-verify-ssl", "--output", "json"];
        var (exit, stdout, stderr) = await ChildProcess.RunAsync("aws", all, TimeSpan.FromSeconds(60), environment: Environment(accessKeyId, secretAccessKey, region));
        var error = string.Join('\n', stderr.Split('\n').Where(l => l.Length > 0 && !l.Contains("InsecureRequestWarning", StringComparison.Ordinal) && !l.Contains("warnings.warn", StringComparison.Ordinal)));
        Transcript.Add($"$ aws {string.Join(' ', args)}\n{(exit == 0 ? stdout.Trim() : error.Trim())}");
        if (exit == 0)
        {
            return (stdout.Trim().Length == 0 ? null : JsonNode.Parse(stdout), null, error);
        }

        var code = ErrorCode().Match(error);
        return (null, code.Success ? code.Groups[1].Value : null, error);
    }

    /// <summary>Runs <c>aws ecs ARGS</c> and fails the test unless it succeeds.</summary>
    public async Task<JsonNode> RunAsync(params string[] args)
    {
        var (answer, code, error) = await TryAsync(args);
        return code is null && answer is not null ? answer : throw new Xunit.Sdk.XunitException($"aws ecs {string.Join(' ', args)}: {error}");
    }

    /// <summary>The environment of a client that knows nothing but this key: no profile, no instance metadata, no retries.</summary>
    public static Dictionary<string, string> Environment(string accessKeyId, string secretAccessKey, string region) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = accessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = secretAccessKey,
        ["AWS_DEFAULT_REGION"] = region,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_MAX_ATTEMPTS"] = "1",
        ["AWS_RETRY_MODE"] = "standard",
        ["PYTHONWARNINGS"] = "ignore",
    };

    [GeneratedRegex(@"An error occurred \((\w+)\)")]
    private static partial Regex ErrorCode();
}
