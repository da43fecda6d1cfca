using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EcsOnK8s.Api;
using EcsOnK8s.Operator.EcsApiServer;
using EcsOnK8s.Operator.Hosting;
using EcsOnK8s.Operator.Options;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOnK8s.IntegrationTests.EcsApiServer;

/// <summary>
/// The real operator host in-process with its controllers and the ECS API endpoint on a free HTTPS port (a
/// self-signed certificate), keys read from <see cref="KeysNamespace"/>; helpers to grant a Kubernetes user the
/// rights a deployer needs in a namespace and to make an access key for it.
/// </summary>
internal sealed class EcsApiHarness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _directory;

    private EcsApiHarness(WebApplication app, DirectoryInfo directory, string keysNamespace)
    {
        _app = app;
        _directory = directory;
        KeysNamespace = keysNamespace;
    }

    /// <summary>The endpoint, e.g. https://127.0.0.1:41234.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public string KeysNamespace { get; }

    /// <summary>Starts the operator watching <paramref name="namespaces"/> (comma-separated) with the ECS API on.</summary>
    public static async Task<EcsApiHarness> StartAsync(string kubeconfig, string keysNamespace, string namespaces)
    {
        var directory = Directory.CreateTempSubdirectory("ecs-api-tls-");
        var (cert, key) = WriteCertificate(directory.FullName);
        var environment = new Dictionary<string, string?> { ["HOSTNAME"] = "ecs-api-test" };
        string[] args =
        [
            "--kubeconfig", kubeconfig, "--metrics-port", "0", "--log-format", "text", "--log-level", "Warning", "--leader-election", "false",
            "--namespaces", namespaces, "--ecs-api", "true", "--ecs-api-port", "0", "--ecs-api-tls-cert", cert, "--ecs-api-tls-key", key,
            "--ecs-api-keys-namespace", keysNamespace,
        ];
        var configuration = OperatorOptionsLoader.BuildConfiguration(args, environment.GetValueOrDefault, settingsDirectory: null, out _);
        var options = OperatorOptionsLoader.Read(configuration, environment.GetValueOrDefault);
        var app = OperatorApplication.Build(options, configuration, environment.GetValueOrDefault);
        var harness = new EcsApiHarness(app, directory, keysNamespace);
        await app.StartAsync();
        harness.Endpoint = new Uri($"https://127.0.0.1:{app.Services.GetRequiredService<EcsApiEndpointBinding>().Port}");
        return harness;
    }

    /// <summary>
    /// A Role in <paramref name="ns"/> with what a deployer runs with kubectl (the ECS resources, task definition
    /// revisions, Jobs and pods of tasks) bound to <paramref name="user"/>.
    /// </summary>
    public static async Task GrantAsync(IKubernetes client, string ns, string user)
    {
        await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new() { Name = "ecs-deployer" },
            Rules =
            [
                new V1PolicyRule { ApiGroups = [EcsApi.Group], Resources = ["*"], Verbs = ["get", "list", "watch", "create", "update", "patch", "delete"] },
                new V1PolicyRule { ApiGroups = ["apps"], Resources = ["controllerrevisions"], Verbs = ["get", "list"] },
                new V1PolicyRule { ApiGroups = ["batch"], Resources = ["jobs"], Verbs = ["get", "list", "patch"] },
                new V1PolicyRule { ApiGroups = [string.Empty], Resources = ["pods"], Verbs = ["get", "list", "delete"] },
            ],
        }, ns);
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new() { Name = "ecs-deployer-" + user },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "ecs-deployer" },
            Subjects = [new Rbacv1Subject { Kind = "User", Name = user, ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);
    }

    /// <summary>
    /// An access key Secret (in the keys namespace) acting in <paramref name="ns"/> as <paramref name="user"/> (with
    /// <paramref name="groups"/>, comma-separated, when given); returns the key id and secret.
    /// </summary>
    public async Task<(string Id, string Secret)> CreateKeyAsync(IKubernetes client, string name, string ns, string user, string? groups = null)
    {
        var id = "AKIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new() { Name = name, Labels = new Dictionary<string, string> { [WellKnownLabels.EcsApiKey] = "true" } },
            StringData = groups is null
                ? new Dictionary<string, string> { ["accessKeyId"] = id, ["secretAccessKey"] = secret, ["namespace"] = ns, ["user"] = user }
                : new Dictionary<string, string> { ["accessKeyId"] = id, ["secretAccessKey"] = secret, ["namespace"] = ns, ["user"] = user, ["groups"] = groups },
        }, KeysNamespace);
        return (id, secret);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private static (string Cert, string Key) WriteCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ecs-api", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certFile = Path.Combine(directory, "tls.crt");
        var keyFile = Path.Combine(directory, "tls.key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile);
    }
}
