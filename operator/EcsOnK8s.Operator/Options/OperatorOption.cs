namespace EcsOnK8s.Operator.Options;

/// <summary>
/// One setting of the operator and the three places it can come from: a command-line flag, an environment variable
/// and a configuration key under <c>Operator</c> in appsettings.json. Later sources win: file, then environment,
/// then flags.
/// </summary>
/// <param name="Flag">Command-line flag without the leading dashes, e.g. <c>workers</c>.</param>
/// <param name="Key">Configuration key below the <c>Operator</c> section, e.g. <c>LeaderElection:Enabled</c>.</param>
/// <param name="ValueHint">What the value looks like, for the help text.</param>
/// <param name="Default">The default, as the help text shows it.</param>
/// <param name="Description">One line for the help text.</param>
public sealed record OperatorOption(string Flag, string Key, string ValueHint, string Default, string Description)
{
    public const string SectionName = "Operator";

    /// <summary>The environment variable: ECSONK8S_ and the flag in upper case, e.g. ECSONK8S_LEASE_DURATION.</summary>
    public string EnvironmentVariable => "ECSONK8S_" + Flag.ToUpperInvariant().Replace('-', '_');

    /// <summary>The full configuration key, e.g. <c>Operator:Workers</c>.</summary>
    public string ConfigurationKey => $"{SectionName}:{Key}";
}
