namespace EcsOnK8s.Operator.Options;

/// <summary>
/// The events endpoint (PutEvents and CloudEvents from outside): off unless enabled; HTTPS with a certificate and
/// key from PEM files, plain HTTP only when explicitly allowed.
/// </summary>
public sealed class EventsEndpointOptions
{
    public bool Enabled { get; set; }

    /// <summary>Its own port, apart from health and metrics; 0 lets the system pick one (tests).</summary>
    public int Port { get; set; } = 8443;

    /// <summary>PEM certificate (chain) file, e.g. tls.crt of a mounted kubernetes.io/tls Secret.</summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>PEM private key file, e.g. tls.key of the same Secret.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>Serve plain HTTP when no certificate is given (bearer tokens then cross the network in clear).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long a token's review (who it is, whether it may post to a namespace) is reused.</summary>
    public TimeSpan AuthCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests per second one caller identity may post, on average (--events-endpoint-rate).</summary>
    public double RequestsPerSecond { get; set; } = Endpoints.EndpointLimits.DefaultRequestsPerSecond;

    /// <summary>Requests one caller identity may post at once (--events-endpoint-burst).</summary>
    public int Burst { get; set; } = Endpoints.EndpointLimits.DefaultBurst;

    public bool UsesTls => TlsCertificateFile is not null;

    /// <summary>The limits the endpoint holds callers to.</summary>
    public Endpoints.EndpointLimits Limits => new() { RequestsPerSecond = RequestsPerSecond, Burst = Burst };

    /// <summary>One message per problem, naming the flag.</summary>
    public IEnumerable<string> Validate(int metricsPort)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (Port is < 0 or > 65535)
        {
            yield return $"--{OperatorOptionDefinitions.EventsEndpointPort.Flag}: {Port} is not a port (0 to 65535)";
        }
        else if (Port != 0 && Port == metricsPort)
        {
            yield return $"--{OperatorOptionDefinitions.EventsEndpointPort.Flag}: {Port} is the metrics port; the events endpoint needs its own";
        }

        if ((TlsCertificateFile is null) != (TlsKeyFile is null))
        {
            yield return $"--{OperatorOptionDefinitions.EventsEndpointTlsCertificate.Flag} and --{OperatorOptionDefinitions.EventsEndpointTlsKey.Flag}: give both or neither";
        }
        else if (TlsCertificateFile is null && !AllowHttp)
        {
            yield return $"--{OperatorOptionDefinitions.EventsEndpoint.Flag}: needs --{OperatorOptionDefinitions.EventsEndpointTlsCertificate.Flag} and --{OperatorOptionDefinitions.EventsEndpointTlsKey.Flag}, or --{OperatorOptionDefinitions.EventsEndpointAllowHttp.Flag}=true for plain HTTP";
        }

        foreach (var (file, option) in (List<(string?, OperatorOption)>)[(TlsCertificateFile, OperatorOptionDefinitions.EventsEndpointTlsCertificate), (TlsKeyFile, OperatorOptionDefinitions.EventsEndpointTlsKey)])
        {
            if (file is not null && !File.Exists(file))
            {
                yield return $"--{option.Flag}: {file} does not exist";
            }
        }

        if (AuthCacheDuration < TimeSpan.Zero || AuthCacheDuration > TimeSpan.FromMinutes(10))
        {
            yield return $"--{OperatorOptionDefinitions.EventsEndpointAuthCache.Flag}: must be between 0s and 10m";
        }

        foreach (var problem in Limits.Validate(OperatorOptionDefinitions.EventsEndpointRate.Flag, OperatorOptionDefinitions.EventsEndpointBurst.Flag))
        {
            yield return problem;
        }
    }
}
