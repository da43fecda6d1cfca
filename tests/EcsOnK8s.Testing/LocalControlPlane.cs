using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace EcsOnK8s.Testing;

/// <summary>A control plane started by <c>hack/control-plane.sh up</c>; disposing it runs <c>down</c>.</summary>
public sealed partial class LocalControlPlane : IAsyncDisposable
{
    private bool _stopped;

    public LocalControlPlane(string directory, string kubeconfigPath)
    {
        Directory = directory;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>The temp dir holding certificates, kubeconfigs, data, logs and the <c>pids</c> file.</summary>
    public string Directory { get; }

    public string KubeconfigPath { get; }

    public string LogDirectory => Path.Combine(Directory, "logs");

    /// <summary>Where kube-apiserver writes its audit events when started with an audit policy.</summary>
    public string AuditLogPath => Path.Combine(LogDirectory, "audit.log");

    /// <summary>The processes started by the script, by name (etcd, kube-apiserver, hollow-node-1, ...).</summary>
    public IReadOnlyDictionary<string, int> ReadProcessIds() =>
        File.ReadAllLines(Path.Combine(Directory, "pids"))
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1]), StringComparer.Ordinal);

    /// <summary>
    /// Writes a kubeconfig for this API server that authenticates as <paramref name="user"/>, member of
    /// <paramref name="groups"/>: a client certificate (CN = user, one O per group) issued by the control plane's CA,
    /// so that the API server (its audit log, RBAC) tells this client apart from the admin.
    /// </summary>
    public async Task WriteKubeconfigAsync(string path, string user, IReadOnlyList<string> groups, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(groups);
        var pki = Path.Combine(Directory, "pki");
        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(pki, "ca.crt"), Path.Combine(pki, "ca.key"));
        // RSA like the CA's key: CertificateRequest signs with the issuer's algorithm only when both match.
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }

        subject.AddCommonName(user);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        // Within the CA's own validity, which starts when the control plane started.
        var notBefore = new DateTimeOffset(ca.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        using var certificate = request.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        var admin = await File.ReadAllTextAsync(KubeconfigPath, cancellationToken);
        var server = ServerLine().Match(admin) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"no server in {KubeconfigPath}");
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: ecsonk8s
              cluster:
                server: {server}
                certificate-authority: {Path.Combine(pki, "ca.crt")}
            users:
            - name: {user}
              user:
                client-certificate-data: {Base64(certificate.ExportCertificatePem())}
                client-key-data: {Base64(key.ExportPkcs8PrivateKeyPem())}
            contexts:
            - name: ecsonk8s
              context:
                cluster: ecsonk8s
                user: {user}
                namespace: default
            current-context: ecsonk8s

            """;
        await File.WriteAllTextAsync(path, kubeconfig, cancellationToken);

        static string Base64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
    }

    /// <summary>
    /// Stops kube-apiserver with <paramref name="signal"/> (TERM, as a rolling upgrade does, drains its requests for up
    /// to a minute; KILL does not) and starts it again on the same port and etcd, with its flags plus
    /// <paramref name="flags"/> (<c>hack/control-plane.sh restart-apiserver</c>); returns once it is ready.
    /// </summary>
    public async Task RestartApiServerAsync(string signal, IReadOnlyList<string> flags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var result = await ControlPlaneScript.RunAsync(["restart-apiserver", Directory, "--signal", signal, .. flags], cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"hack/control-plane.sh restart-apiserver {Directory} failed:\n{result.StandardError}");
        }
    }

    /// <summary>Stops the processes and removes the directory.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped)
        {
            return;
        }

        var result = await ControlPlaneScript.RunAsync(["down", Directory], cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"hack/control-plane.sh down {Directory} failed:\n{result.StandardError}");
        }

        _stopped = true;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    [GeneratedRegex(@"^\s*server:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ServerLine();
}
