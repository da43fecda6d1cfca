namespace EcsOnK8s.Cli.Aws;

/// <summary>One JSON field of a model type: its CLR type, and whether it takes one of a fixed set of values.</summary>
internal sealed record ModelField(Type Type, bool EnumValued);
