using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EcsOnK8s.Operator.Events;

/// <summary>
/// The events endpoint's certificate, from a PEM certificate and key (a mounted kubernetes.io/tls Secret, e.g. one
/// cert-manager renews). Read again when either file changes, checked at most every <see cref="CheckInterval"/>; a
/// renewal that cannot be read keeps the certificate in use.
/// </summary>
public sealed partial class CertificateFiles
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);

    private readonly string _certificateFile;
    private readonly string _keyFile;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private X509Certificate2 _current;
    private (DateTime Certificate, DateTime Key) _stamp;
    private DateTimeOffset _nextCheck;

    /// <summary>Reads the files; throws <see cref="CryptographicException"/> or an IO exception when they are unusable.</summary>
    public CertificateFiles(string certificateFile, string keyFile, TimeProvider time)
    {
        _certificateFile = certificateFile;
        _keyFile = keyFile;
        _time = time;
        _stamp = Stamp();
        _current = Load(certificateFile, keyFile);
        _nextCheck = time.GetUtcNow() + CheckInterval;
    }

    /// <summary>Where reloads are reported (set once the host's logging exists).</summary>
    public ILogger Logger { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>The certificate to present now.</summary>
    public X509Certificate2 Current
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                if (now < _nextCheck)
                {
                    return _current;
                }

                _nextCheck = now + CheckInterval;
                try
                {
                    var stamp = Stamp();
                    if (stamp != _stamp)
                    {
                        // Old certificates are not disposed: a handshake in progress may still use one.
                        _current = Load(_certificateFile, _keyFile);
                        _stamp = stamp;
                        LogReloaded(Logger, _certificateFile, _current.NotAfter);
                    }
                }
                catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
                {
                    LogReloadFailed(Logger, _certificateFile, e);
                }

                return _current;
            }
        }
    }

    /// <summary>A PEM pair as a certificate whose key TLS can use.</summary>
    public static X509Certificate2 Load(string certificateFile, string keyFile) => X509Certificate2.CreateFromPemFile(certificateFile, keyFile);

    // Files of a mounted Secret are symbolic links swapped on renewal: the times of their targets tell.
    private (DateTime, DateTime) Stamp() => (File.GetLastWriteTimeUtc(_certificateFile), File.GetLastWriteTimeUtc(_keyFile));

    [LoggerMessage(EventId = 8130, Level = LogLevel.Information, Message = "Events endpoint certificate {File} reloaded (valid until {NotAfter})")]
    private static partial void LogReloaded(ILogger logger, string file, DateTime notAfter);

    [LoggerMessage(EventId = 8131, Level = LogLevel.Warning, Message = "Events endpoint certificate {File} changed but could not be read; the previous one stays in use")]
    private static partial void LogReloadFailed(ILogger logger, string file, Exception exception);
}
