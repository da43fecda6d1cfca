namespace EcsOnK8s.Operator.Options;

/// <summary>
/// The ECS API endpoint (AWS JSON 1.1, SigV4 access keys from Secrets): off unless enabled; HTTPS with a certificate and
/// key from PEM files, plain HTTP only when explicitly allowed.
/// </summary>
public sealed class EcsApiEndpointOptions
{
    public bool Enabled { get; set; }

    /// <summary>Its own port; 0 lets the system pick one (tests).</summary>
    public int Port { get; set; } = 8444;

    public string? TlsCertificateFile { get; set; }

    public string? TlsKeyFile { get; set; }

    /// <summary>Serve plain HTTP when no certificate is given (signed requests are not secret, but their bodies are readable).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Namespace of the access key Secrets; null is the operator's own namespace.</summary>
    public string? KeysNamespace { get; set; }

    /// <summary>How long a request may take, Kubernetes calls and waits for the operator included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body read (ECS's own limit is far lower for every operation served).</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per second one access key may make, on average (--ecs-api-rate).</summary>
    public double RequestsPerSecond { get; set; } = Endpoints.EndpointLimits.DefaultRequestsPerSecond;

    /// <summary>Requests one access key may make at once (--ecs-api-burst).</summary>
    public int Burst { get; set; } = Endpoints.EndpointLimits.DefaultBurst;

    public bool UsesTls => TlsCertificateFile is not null;

    /// <summary>The limits the endpoint holds access keys and addresses to.</summary>
    public Endpoints.EndpointLimits Limits => new() { RequestsPerSecond = RequestsPerSecond, Burst = Burst };

    /// <summary>One message per problem, naming the flag.</summary>
    public IEnumerable<string> Validate(int metricsPort, int eventsPort)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (Port is < 0 or > 65535)
        {
            yield return $"--{OperatorOptionDefinitions.EcsApiPort.Flag}: {Port} is not a port (0 to 65535)";
        }
        else if (Port != 0 && (Port == metricsPort || Port == eventsPort))
        {
            yield return $"--{OperatorOptionDefinitions.EcsApiPort.Flag}: {Port} is taken by the metrics or events port; the ECS API endpoint needs its own";
        }

        if ((TlsCertificateFile is null) != (TlsKeyFile is null))
        {
            yield return $"--{OperatorOptionDefinitions.EcsApiTlsCertificate.Flag} and --{OperatorOptionDefinitions.EcsApiTlsKey.Flag}: give both or neither";
        }
        else if (TlsCertificateFile is null && !AllowHttp)
        {
            yield return $"--{OperatorOptionDefinitions.EcsApi.Flag}: needs --{OperatorOptionDefinitions.EcsApiTlsCertificate.Flag} and --{OperatorOptionDefinitions.EcsApiTlsKey.Flag}, or --{OperatorOptionDefinitions.EcsApiAllowHttp.Flag}=true for plain HTTP";
        }

        foreach (var (file, option) in (List<(string?, OperatorOption)>)[(TlsCertificateFile, OperatorOptionDefinitions.EcsApiTlsCertificate), (TlsKeyFile, OperatorOptionDefinitions.EcsApiTlsKey)])
        {
            if (file is not null && !File.Exists(file))
            {
                yield return $"--{option.Flag}: {file} does not exist";
            }
        }

        if (KeysNamespace is not null && (KeysNamespace.Length > 63 || !KeysNamespace.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            yield return $"--{OperatorOptionDefinitions.EcsApiKeysNamespace.Flag}: '{KeysNamespace}' is not a valid namespace name";
        }

        if (RequestTimeout < TimeSpan.FromSeconds(1) || RequestTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"--{OperatorOptionDefinitions.EcsApiRequestTimeout.Flag}: must be between 1s and 5m";
        }

        foreach (var problem in Limits.Validate(OperatorOptionDefinitions.EcsApiRate.Flag, OperatorOptionDefinitions.EcsApiBurst.Flag))
        {
            yield return problem;
        }
    }
}
