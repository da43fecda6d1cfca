namespace EcsOnK8s.Translation.ClusterQueries;

/// <summary>A cluster query that does not parse; <see cref="Position"/> is zero-based.</summary>
internal sealed class QuerySyntaxException : Exception
{
    public QuerySyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public QuerySyntaxException()
    {
    }

    public QuerySyntaxException(string message)
        : base(message)
    {
    }

    public QuerySyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Position { get; }
}
