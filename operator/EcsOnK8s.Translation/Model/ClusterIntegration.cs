namespace EcsOnK8s.Translation.Model;

/// <summary>
/// A controller people install beside Kubernetes whose resources EcsOnK8s renders where it is installed: its name
/// on the CLI (<c>convert --capabilities</c>), the kinds and version assumed offline, and what it sets in
/// <see cref="ClusterCapabilities"/>. The operator finds the same facts through discovery.
/// </summary>
public sealed record ClusterIntegration(string Name, string Kinds, string ApiVersion, Func<ClusterCapabilities, ClusterCapabilities> Apply);
