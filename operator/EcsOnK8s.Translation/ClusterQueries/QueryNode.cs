namespace EcsOnK8s.Translation.ClusterQueries;

/// <summary>A node of a parsed ECS cluster query: a comparison, or and/or/not over nodes.</summary>
internal abstract record QueryNode
{
    internal sealed record Comparison(string Subject, QueryOperator Operator, IReadOnlyList<string> Arguments, int Position) : QueryNode;

    internal sealed record And(QueryNode Left, QueryNode Right) : QueryNode;

    internal sealed record Or(QueryNode Left, QueryNode Right) : QueryNode;

    internal sealed record Not(QueryNode Operand) : QueryNode;
}
