using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EcsOnK8s.Operator.Events;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>The events endpoint's certificate follows its files (a renewed Secret), and survives a renewal it cannot read.</summary>
public sealed class CertificateFilesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ecsonk8s-cert-files-");
    private readonly ManualTime _time = new();

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Current_FilesRenewed_NewCertificateAfterTheCheckInterval()
    {
        using var first = SelfSigned("first");
        using var second = SelfSigned("second");
        var (cert, key) = Write(first, TimeSpan.Zero);
        var files = new CertificateFiles(cert, key, _time);
        Assert.Equal(first.Thumbprint, files.Current.Thumbprint);

        Write(second, TimeSpan.FromMinutes(1));
        Assert.Equal(first.Thumbprint, files.Current.Thumbprint);

        _time.Now += CertificateFiles.CheckInterval + TimeSpan.FromSeconds(1);
        Assert.Equal(second.Thumbprint, files.Current.Thumbprint);
        Assert.True(files.Current.HasPrivateKey);
    }

    [Fact]
    public void Current_RenewalUnreadable_KeepsTheCertificateInUse()
    {
        using var first = SelfSigned("first");
        var (cert, key) = Write(first, TimeSpan.Zero);
        var files = new CertificateFiles(cert, key, _time);

        File.WriteAllText(cert, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        File.SetLastWriteTimeUtc(cert, DateTime.UtcNow.AddMinutes(2));
        _time.Now += CertificateFiles.CheckInterval + TimeSpan.FromSeconds(1);

        Assert.Equal(first.Thumbprint, files.Current.Thumbprint);
    }

    [Fact]
    public void Constructor_FilesUnusable_Throws()
    {
        var cert = Path.Combine(_directory.FullName, "tls.crt");
        File.WriteAllText(cert, "garbage");

        Assert.ThrowsAny<CryptographicException>(() => new CertificateFiles(cert, cert, _time));
    }

    private (string Cert, string Key) Write(X509Certificate2 certificate, TimeSpan stampOffset)
    {
        var cert = Path.Combine(_directory.FullName, "tls.crt");
        var key = Path.Combine(_directory.FullName, "tls.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        using (var ecdsa = certificate.GetECDsaPrivateKey()!)
        {
            File.WriteAllText(key, ecdsa.ExportPkcs8PrivateKeyPem());
        }

        // Explicit times: two writes within the file system's timestamp granularity must still differ.
        File.SetLastWriteTimeUtc(cert, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) + stampOffset);
        File.SetLastWriteTimeUtc(key, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) + stampOffset);
        return (cert, key);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
