namespace EcsOnK8s.Operator.Options;

/// <summary>Flags, environment or configuration that cannot be used; the process exits with code 2.</summary>
public sealed class OperatorOptionsException : Exception
{
    public OperatorOptionsException()
        : this([])
    {
    }

    public OperatorOptionsException(string message)
        : this([message])
    {
    }

    public OperatorOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public OperatorOptionsException(IReadOnlyList<string> errors)
        : base(errors.Count == 0 ? "invalid options" : string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
