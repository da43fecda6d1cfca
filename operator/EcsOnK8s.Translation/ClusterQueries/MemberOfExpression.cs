using System.Globalization;
using System.Text;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.ClusterQueries;

/// <summary>
/// Translates an ECS <c>memberOf</c> placement expression (the cluster query language) into required node affinity
/// terms on well-known node labels.
/// </summary>
/// <remarks>
/// <para>Attributes map to labels: <c>ecs.instance-type</c> → <c>node.kubernetes.io/instance-type</c>,
/// <c>ecs.availability-zone</c> → <c>topology.kubernetes.io/zone</c>, <c>ecs.os-type</c> → <c>kubernetes.io/os</c>
/// (lowercased), <c>ecs.cpu-architecture</c> → <c>kubernetes.io/arch</c> (<c>x86_64</c> → <c>amd64</c>,
/// <c>arm64</c>/<c>aarch64</c> → <c>arm64</c>); any other attribute (<c>ecs.ami-id</c>, custom ones) → a node label
/// of the same name. <c>attribute:</c> may be omitted for <c>ecs.*</c> attributes.</para>
/// <para>The expression is brought to disjunctive normal form: each <c>or</c> branch is one node selector term
/// (terms are ORed, requirements inside a term ANDed); <c>not</c> is pushed down to the comparisons. At most
/// <see cref="MaxTerms"/> terms.</para>
/// <para><c>=~</c>/<c>!~</c> take Java regular expressions. A literal or an alternation of literals
/// (<c>m5\.large</c>, <c>(c5.large|c5.xlarge)</c>) becomes In/NotIn exactly. Any other pattern (<c>t2.*</c>) cannot
/// be expressed by a node selector: <c>=~</c> is approximated by Exists on the label and <c>!~</c> by no
/// constraint; both are reported Approximated. Numeric comparisons become Gt/Lt (integers only).</para>
/// <para>Subjects with no node label counterpart (<c>ec2InstanceId</c>, <c>agentConnected</c>,
/// <c>agentVersion</c>, <c>registeredAt</c>, <c>runningTasksCount</c>, <c>task:group</c>) are rejected: a placement
/// constraint is a hard requirement in ECS and silently dropping it would place tasks where they were
/// forbidden.</para>
/// </remarks>
public static class MemberOfExpression
{
    /// <summary>Most node selector terms one expression may expand to.</summary>
    public const int MaxTerms = 64;

    /// <summary>
    /// Node selector terms (ORed) for <paramref name="expression"/>; an empty list when the expression ends up
    /// constraining nothing; null when it is rejected (the reason is in <paramref name="report"/> at
    /// <paramref name="path"/>).
    /// </summary>
    public static IReadOnlyList<V1NodeSelectorTerm>? Translate(string expression, string path, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(report);
        if (expression is null)
        {
            report.Rejected(path, "memberOf needs an expression");
            return null;
        }

        QueryNode root;
        try
        {
            root = ClusterQueryParser.Parse(expression);
        }
        catch (QuerySyntaxException e)
        {
            report.Rejected(path, $"memberOf expression does not parse: {e.Message} at position {e.Position + 1} of \"{expression}\"");
            return null;
        }

        var notes = new List<string>();
        List<List<V1NodeSelectorRequirement>>? dnf;
        try
        {
            dnf = ToDnf(root, negated: false, notes);
        }
        catch (QuerySyntaxException e)
        {
            report.Rejected(path, $"memberOf expression cannot be translated: {e.Message} (at position {e.Position + 1} of \"{expression}\")");
            return null;
        }

        if (dnf is null)
        {
            report.Rejected(path, $"memberOf expression expands to more than {MaxTerms} node selector terms: \"{expression}\"");
            return null;
        }

        if (notes.Count > 0)
        {
            report.Approximated(path, "required node affinity; " + string.Join("; ", notes.Distinct(StringComparer.Ordinal)));
        }
        else
        {
            report.Mapped(path, "required node affinity");
        }

        // A term without requirements means "always true", so the whole disjunction constrains nothing (and an
        // empty term would match no node at all in Kubernetes).
        if (dnf.Count == 0 || dnf.Any(t => t.Count == 0))
        {
            return [];
        }

        return dnf.Select(t => new V1NodeSelectorTerm { MatchExpressions = t }).ToList();
    }

    private static List<List<V1NodeSelectorRequirement>>? ToDnf(QueryNode node, bool negated, List<string> notes)
    {
        if (node is QueryNode.Not not)
        {
            return ToDnf(not.Operand, !negated, notes);
        }

        if (node is QueryNode.Comparison c)
        {
            var requirement = Requirement(c, negated, notes);
            return requirement is null ? [[]] : [[requirement]];
        }

        var (l, r, conjunction) = node switch
        {
            QueryNode.And a => (a.Left, a.Right, true),
            QueryNode.Or o => (o.Left, o.Right, false),
            _ => throw new InvalidOperationException("unknown query node"),
        };

        // De Morgan: under a negation, and becomes or and the other way round.
        conjunction ^= negated;
        var left = ToDnf(l, negated, notes);
        var right = ToDnf(r, negated, notes);
        if (left is null || right is null)
        {
            return null;
        }

        if (conjunction)
        {
            if ((long)left.Count * right.Count > MaxTerms)
            {
                return null;
            }

            return left.SelectMany(x => right.Select(y => x.Concat(y).ToList())).ToList();
        }

        return left.Count + right.Count > MaxTerms ? null : [.. left, .. right];
    }

    private static V1NodeSelectorRequirement? Requirement(QueryNode.Comparison c, bool negated, List<string> notes)
    {
        var (key, mapValue) = LabelFor(c);
        var op = negated ? Negate(c.Operator) : c.Operator;
        switch (op)
        {
            case QueryOperator.Exists:
                return Req(key, "Exists", null);
            case QueryOperator.NotExists:
                return Req(key, "DoesNotExist", null);
            case QueryOperator.Equals:
            case QueryOperator.In:
                return Req(key, "In", Values(c, c.Arguments.Select(mapValue)));
            case QueryOperator.NotEquals:
            case QueryOperator.NotIn:
                return Req(key, "NotIn", Values(c, c.Arguments.Select(mapValue)));
            case QueryOperator.GreaterThan:
                return Req(key, "Gt", [Integer(c, 0)]);
            case QueryOperator.GreaterThanOrEqual:
                return Req(key, "Gt", [Integer(c, -1)]);
            case QueryOperator.LessThan:
                return Req(key, "Lt", [Integer(c, 0)]);
            case QueryOperator.LessThanOrEqual:
                return Req(key, "Lt", [Integer(c, 1)]);
            case QueryOperator.Matches:
            case QueryOperator.NotMatches:
                var literals = RegexLiterals(c.Arguments[0]);
                if (literals is not null)
                {
                    return Req(key, op == QueryOperator.Matches ? "In" : "NotIn", Values(c, literals.Select(mapValue)));
                }

                if (op == QueryOperator.Matches)
                {
                    notes.Add($"the pattern '{c.Arguments[0]}' on {key} is not expressible in a node selector: any node with the label qualifies");
                    return Req(key, "Exists", null);
                }

                notes.Add($"the exclusion pattern '{c.Arguments[0]}' on {key} is not expressible in a node selector and is dropped");
                return null;
            default:
                throw new InvalidOperationException("unknown operator");
        }
    }

    private static V1NodeSelectorRequirement Req(string key, string op, IList<string>? values) =>
        new() { Key = key, OperatorProperty = op, Values = values };

    private static QueryOperator Negate(QueryOperator op) => op switch
    {
        QueryOperator.Equals => QueryOperator.NotEquals,
        QueryOperator.NotEquals => QueryOperator.Equals,
        QueryOperator.GreaterThan => QueryOperator.LessThanOrEqual,
        QueryOperator.GreaterThanOrEqual => QueryOperator.LessThan,
        QueryOperator.LessThan => QueryOperator.GreaterThanOrEqual,
        QueryOperator.LessThanOrEqual => QueryOperator.GreaterThan,
        QueryOperator.Exists => QueryOperator.NotExists,
        QueryOperator.NotExists => QueryOperator.Exists,
        QueryOperator.In => QueryOperator.NotIn,
        QueryOperator.NotIn => QueryOperator.In,
        QueryOperator.Matches => QueryOperator.NotMatches,
        _ => QueryOperator.Matches,
    };

    private static (string Key, Func<string, string> MapValue) LabelFor(QueryNode.Comparison c)
    {
        var subject = c.Subject;
        string attribute;
        if (subject.StartsWith("attribute:", StringComparison.Ordinal))
        {
            attribute = subject["attribute:".Length..];
        }
        else if (subject.StartsWith("ecs.", StringComparison.Ordinal))
        {
            attribute = subject;
        }
        else
        {
            throw new QuerySyntaxException(
                $"'{subject}' describes an ECS container instance and has no Kubernetes node label counterpart; only attribute:NAME subjects can be translated",
                c.Position);
        }

        switch (attribute)
        {
            case "ecs.instance-type":
                return ("node.kubernetes.io/instance-type", v => v);
            case "ecs.availability-zone":
                return ("topology.kubernetes.io/zone", v => v);
            case "ecs.os-type":
                return ("kubernetes.io/os", v => v.ToLowerInvariant());
            case "ecs.cpu-architecture":
                return ("kubernetes.io/arch", v => v.ToLowerInvariant() switch
                {
                    "x86_64" or "amd64" or "x86-64" => "amd64",
                    "arm64" or "aarch64" => "arm64",
                    var other => other,
                });
            default:
                if (!KubeNames.IsQualifiedName(attribute))
                {
                    throw new QuerySyntaxException($"attribute '{attribute}' is not a valid Kubernetes label key", c.Position);
                }

                return (attribute, v => v);
        }
    }

    private static List<string> Values(QueryNode.Comparison c, IEnumerable<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToList();
        foreach (var v in list)
        {
            if (!KubeNames.IsLabelValue(v) || v.Length == 0)
            {
                throw new QuerySyntaxException($"'{v}' is not a valid Kubernetes label value, so no node label can hold it", c.Position);
            }
        }

        return list;
    }

    private static string Integer(QueryNode.Comparison c, long adjust)
    {
        if (!long.TryParse(c.Arguments[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            throw new QuerySyntaxException($"'{c.Arguments[0]}' is not an integer: node selectors compare numbers only", c.Position);
        }

        return (n + adjust).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The literal strings a pattern matches when it is a literal or an alternation of literals (optionally in
    /// one group, optionally anchored); null for anything else.
    /// </summary>
    internal static List<string>? RegexLiterals(string pattern)
    {
        var p = pattern;
        if (p.StartsWith('^'))
        {
            p = p[1..];
        }

        if (p.EndsWith('$') && !p.EndsWith("\\$", StringComparison.Ordinal))
        {
            p = p[..^1];
        }

        if (p.StartsWith('(') && p.EndsWith(')') && p.IndexOf(')', StringComparison.Ordinal) == p.Length - 1)
        {
            p = p[1..^1];
            if (p.StartsWith("?:", StringComparison.Ordinal))
            {
                p = p[2..];
            }
        }

        var result = new List<string>();
        foreach (var alternative in p.Split('|'))
        {
            var literal = Unescape(alternative);
            if (literal is null || literal.Length == 0)
            {
                return null;
            }

            result.Add(literal);
        }

        return result;
    }

    private static string? Unescape(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length || char.IsLetterOrDigit(text[i + 1]))
                {
                    return null;
                }

                sb.Append(text[++i]);
            }
            else if (".*+?()[]{}^$|".Contains(c, StringComparison.Ordinal))
            {
                // A bare '.' matches any character; it is only literal in practice when the rest is literal, e.g.
                // m5.large. Treat such a dot as the literal dot it is meant to be: the only other string it would
                // match is one where that position holds another character, which is not an instance type.
                if (c == '.' && i + 1 < text.Length && text[i + 1] is not ('*' or '+' or '?' or '{'))
                {
                    sb.Append('.');
                    continue;
                }

                return null;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
