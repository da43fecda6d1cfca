namespace EcsOnK8s.Cli.Aws;

/// <summary>An input document that cannot be read: names the file, the JSON path (or line and column) and why.</summary>
public sealed class AwsInputException : Exception
{
    public AwsInputException()
    {
    }

    public AwsInputException(string message)
        : base(message)
    {
    }

    public AwsInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
