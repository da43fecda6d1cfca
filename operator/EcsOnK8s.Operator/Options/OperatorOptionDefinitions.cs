namespace EcsOnK8s.Operator.Options;

/// <summary>Every setting of the operator host, the single source for flags, environment, help and docs.</summary>
public static class OperatorOptionDefinitions
{
    public static readonly OperatorOption Namespaces = new(
        "namespaces", "Namespaces", "a,b", "(all)", "Namespaces to watch, comma-separated; empty watches all namespaces.");

    public static readonly OperatorOption Workers = new(
        "workers", "Workers", "N", "4", "Concurrent reconciles per controller.");

    public static readonly OperatorOption LeaderElection = new(
        "leader-election", "LeaderElection:Enabled", "true|false", "true", "Run workers only on the replica that holds the Lease.");

    public static readonly OperatorOption LeaderElectionNamespace = new(
        "leader-election-namespace", "LeaderElection:Namespace", "NAME", "(own namespace)",
        "Namespace of the Lease; defaults to POD_NAMESPACE, the service account's namespace, or default.");

    public static readonly OperatorOption LeaderElectionId = new(
        "leader-election-id", "LeaderElection:LeaseName", "NAME", "ecsonk8s-operator", "Name of the Lease.");

    public static readonly OperatorOption LeaseDuration = new(
        "lease-duration", "LeaderElection:LeaseDuration", "DURATION", "15s",
        "How long followers wait after the last renewal before taking over (whole seconds).");

    public static readonly OperatorOption RenewDeadline = new(
        "renew-deadline", "LeaderElection:RenewDeadline", "DURATION", "10s", "How long the leader tries to renew before giving up.");

    public static readonly OperatorOption RetryPeriod = new(
        "retry-period", "LeaderElection:RetryPeriod", "DURATION", "2s", "Pause between attempts to acquire or renew the Lease.");

    public static readonly OperatorOption MetricsPort = new(
        "metrics-port", "MetricsPort", "PORT", "8080", "Port of /healthz, /readyz and /metrics (0 picks a free port).");

    public static readonly OperatorOption BindAddress = new(
        "bind-address", "BindAddress", "IP", "0.0.0.0 in a cluster, 127.0.0.1 elsewhere", "Address the health and metrics port listens on.");

    public static readonly OperatorOption LogFormat = new(
        "log-format", "LogFormat", "auto|json|text", "auto", "Log output: JSON in a cluster, text on a terminal (auto).");

    public static readonly OperatorOption LogLevel = new(
        "log-level", "LogLevel", "LEVEL", "Information", "Minimum level: Verbose, Debug, Information, Warning, Error.");

    public static readonly OperatorOption Kubeconfig = new(
        "kubeconfig", "Kubeconfig", "PATH", "(KUBECONFIG, in-cluster, ~/.kube/config)",
        "Kubeconfig file; without it KUBECONFIG, then the in-cluster service account, then ~/.kube/config.");

    public static readonly OperatorOption ShutdownTimeout = new(
        "shutdown-timeout", "ShutdownTimeout", "DURATION", "20s", "How long in-flight reconciles may run after a stop signal.");

    public static readonly OperatorOption ScheduleCatchUpWindow = new(
        "schedule-catch-up-window", "ScheduleCatchUpWindow", "DURATION", "5m",
        "How late a scheduled task's run may still start after its fire time (e.g. after a restart); older fire times are counted as missed.");

    public static readonly OperatorOption TaskStartTimeout = new(
        "task-start-timeout", "TaskStartTimeout", "DURATION", "5m",
        "How long Kubernetes may refuse a task's pod (a quota, Pod Security admission, a webhook) before the task is stopped with stopCode TaskFailedToStart.");

    public static readonly OperatorOption DiscoveryInterval = new(
        "discovery-interval", "DiscoveryInterval", "DURATION", "1m",
        "How often the served APIs are discovered again: an installed or removed KEDA, AWS Load Balancer Controller, Gateway API or External Secrets re-renders the workloads.");

    public static readonly OperatorOption EventsEndpoint = new(
        "events-endpoint", "EventsEndpoint:Enabled", "true|false", "false",
        "Serve the events endpoint (PutEvents and CloudEvents posted to a namespace's EcsEventRules) on its own port.");

    public static readonly OperatorOption EventsEndpointPort = new(
        "events-endpoint-port", "EventsEndpoint:Port", "PORT", "8443", "Port of the events endpoint (0 picks a free port).");

    public static readonly OperatorOption EventsEndpointTlsCertificate = new(
        "events-endpoint-tls-cert", "EventsEndpoint:TlsCertificateFile", "PATH", "(none)",
        "PEM certificate of the events endpoint (e.g. tls.crt of a mounted Secret); reread when the file changes.");

    public static readonly OperatorOption EventsEndpointTlsKey = new(
        "events-endpoint-tls-key", "EventsEndpoint:TlsKeyFile", "PATH", "(none)", "PEM private key of the events endpoint (e.g. tls.key).");

    public static readonly OperatorOption EventsEndpointAllowHttp = new(
        "events-endpoint-allow-http", "EventsEndpoint:AllowHttp", "true|false", "false",
        "Serve the events endpoint over plain HTTP when no certificate is given (bearer tokens travel in clear).");

    public static readonly OperatorOption EventsEndpointAuthCache = new(
        "events-endpoint-auth-cache", "EventsEndpoint:AuthCacheDuration", "DURATION", "30s",
        "How long a bearer token's TokenReview and SubjectAccessReview answers are reused (0 asks every time).");

    public static readonly OperatorOption EventsEndpointRate = new(
        "events-endpoint-rate", "EventsEndpoint:RequestsPerSecond", "N", "20",
        "Requests per second one caller identity may post to the events endpoint, on average; beyond it: 429.");

    public static readonly OperatorOption EventsEndpointBurst = new(
        "events-endpoint-burst", "EventsEndpoint:Burst", "N", "40", "Requests one caller identity may post at once after a quiet while.");

    public static readonly OperatorOption EcsApi = new(
        "ecs-api", "EcsApi:Enabled", "true|false", "false",
        "Serve the ECS API (AWS JSON 1.1, SigV4 access keys from Secrets; aws ecs ... --endpoint-url) on its own port.");

    public static readonly OperatorOption EcsApiPort = new(
        "ecs-api-port", "EcsApi:Port", "PORT", "8444", "Port of the ECS API endpoint (0 picks a free port).");

    public static readonly OperatorOption EcsApiTlsCertificate = new(
        "ecs-api-tls-cert", "EcsApi:TlsCertificateFile", "PATH", "(none)",
        "PEM certificate of the ECS API endpoint (e.g. tls.crt of a mounted Secret); reread when the file changes.");

    public static readonly OperatorOption EcsApiTlsKey = new(
        "ecs-api-tls-key", "EcsApi:TlsKeyFile", "PATH", "(none)", "PEM private key of the ECS API endpoint (e.g. tls.key).");

    public static readonly OperatorOption EcsApiAllowHttp = new(
        "ecs-api-allow-http", "EcsApi:AllowHttp", "true|false", "false",
        "Serve the ECS API endpoint over plain HTTP when no certificate is given.");

    public static readonly OperatorOption EcsApiKeysNamespace = new(
        "ecs-api-keys-namespace", "EcsApi:KeysNamespace", "NAME", "(own namespace)",
        "Namespace of the access key Secrets (label ecsonk8s.io/ecs-api-key=true); defaults to the operator's own.");

    public static readonly OperatorOption EcsApiRequestTimeout = new(
        "ecs-api-request-timeout", "EcsApi:RequestTimeout", "DURATION", "30s",
        "How long one ECS API request may take, waiting for the operator (a registered revision, started tasks) included.");

    public static readonly OperatorOption EcsApiRate = new(
        "ecs-api-rate", "EcsApi:RequestsPerSecond", "N", "20",
        "Requests per second one ECS API access key may make, on average; beyond it: ThrottlingException (400).");

    public static readonly OperatorOption EcsApiBurst = new(
        "ecs-api-burst", "EcsApi:Burst", "N", "40", "Requests one ECS API access key may make at once after a quiet while.");

    public static readonly OperatorOption EventsRegion = new(
        "events-region", "Events:Region", "REGION", "local", "Region of the ECS events' ARNs and their region field (patterns written for AWS match it).");

    public static readonly OperatorOption EventsAccount = new(
        "events-account", "Events:Account", "ACCOUNT", "000000000000", "12-digit account of the ECS events' ARNs and their account field.");

    public static readonly OperatorOption EventsMaxInvocationsPerMinute = new(
        "events-max-invocations-per-minute", "Events:MaxInvocationsPerMinute", "N", "600",
        "Cap on an EcsEventRule's target invocations per minute when its spec sets none; beyond it events are dead letters.");

    public static readonly OperatorOption EventsRetryBaseDelay = new(
        "events-retry-base-delay", "Events:RetryBaseDelay", "DURATION", "1s",
        "Delay before the first retry of a failed delivery; each retry doubles it (with jitter) up to 5m.");

    public static readonly OperatorOption EventsHttpTimeout = new(
        "events-http-timeout", "Events:HttpTimeout", "DURATION", "10s", "How long one delivery to an http target may take.");

    public static IReadOnlyList<OperatorOption> All { get; } =
    [
        Namespaces, Workers, LeaderElection, LeaderElectionNamespace, LeaderElectionId, LeaseDuration, RenewDeadline,
        RetryPeriod, MetricsPort, BindAddress, LogFormat, LogLevel, Kubeconfig, ShutdownTimeout, ScheduleCatchUpWindow,
        TaskStartTimeout, DiscoveryInterval,
        EventsEndpoint, EventsEndpointPort, EventsEndpointTlsCertificate, EventsEndpointTlsKey, EventsEndpointAllowHttp,
        EventsEndpointAuthCache,
        EventsEndpointRate, EventsEndpointBurst,
        EcsApi, EcsApiPort, EcsApiTlsCertificate, EcsApiTlsKey, EcsApiAllowHttp, EcsApiKeysNamespace, EcsApiRequestTimeout,
        EcsApiRate, EcsApiBurst,
        EventsRegion, EventsAccount, EventsMaxInvocationsPerMinute, EventsRetryBaseDelay, EventsHttpTimeout,
    ];

    public static OperatorOption? FindByFlag(string flag) => All.FirstOrDefault(o => o.Flag == flag);
}
