using EcsOnK8s.Translation.ClusterQueries;
using EcsOnK8s.Translation.Report;
using Xunit;
using k8s.Models;

namespace EcsOnK8s.Translation.Tests.Pods;

public class MemberOfExpressionTests
{
    private const string P = "placementConstraints[0].expression";

    private static (IReadOnlyList<V1NodeSelectorTerm>? Terms, TranslationReport Report) Translate(string expression)
    {
        var report = new TranslationReport();
        return (MemberOfExpression.Translate(expression, P, report), report);
    }

    /// <summary>Terms as text: "key op v1|v2 &amp; key op ..." per term, terms joined by " || ".</summary>
    private static string Show(IReadOnlyList<V1NodeSelectorTerm> terms) => string.Join(" || ", terms.Select(t =>
        string.Join(" & ", t.MatchExpressions.Select(r => $"{r.Key} {r.OperatorProperty}{(r.Values is null ? string.Empty : " " + string.Join('|', r.Values))}"))));

    [Theory]
    [InlineData("attribute:ecs.instance-type == t3.large", "node.kubernetes.io/instance-type In t3.large")]
    [InlineData("attribute:ecs.availability-zone != us-east-1d", "topology.kubernetes.io/zone NotIn us-east-1d")]
    [InlineData("attribute:ecs.os-type == LINUX", "kubernetes.io/os In linux")]
    [InlineData("attribute:ecs.cpu-architecture == x86_64", "kubernetes.io/arch In amd64")]
    [InlineData("attribute:ecs.cpu-architecture equals arm64", "kubernetes.io/arch In arm64")]
    [InlineData("attribute:ecs.ami-id exists", "ecs.ami-id Exists")]
    [InlineData("attribute:stack !exists", "stack DoesNotExist")]
    [InlineData("attribute:stack not_exists", "stack DoesNotExist")]
    [InlineData("ecs.instance-type == m5.xlarge", "node.kubernetes.io/instance-type In m5.xlarge")]
    [InlineData("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", "topology.kubernetes.io/zone In us-east-1a|us-east-1b")]
    [InlineData("attribute:ecs.availability-zone in ('us-east-1a', \"us-east-1b\")", "topology.kubernetes.io/zone In us-east-1a|us-east-1b")]
    [InlineData("attribute:ecs.availability-zone not_in [us-east-1a]", "topology.kubernetes.io/zone NotIn us-east-1a")]
    [InlineData("attribute:ecs.availability-zone !in [us-east-1a]", "topology.kubernetes.io/zone NotIn us-east-1a")]
    [InlineData("attribute:ecs.availability-zone not in [us-east-1a]", "topology.kubernetes.io/zone NotIn us-east-1a")]
    [InlineData("attribute:gpus > 2", "gpus Gt 2")]
    [InlineData("attribute:gpus >= 2", "gpus Gt 1")]
    [InlineData("attribute:gpus less_than_equal 4", "gpus Lt 5")]
    [InlineData("attribute:ecs.instance-type =~ (c5.large|c5.xlarge)", "node.kubernetes.io/instance-type In c5.large|c5.xlarge")]
    [InlineData("attribute:ecs.instance-type !~ m5\\.large", "node.kubernetes.io/instance-type NotIn m5.large")]
    public void Translate_SingleComparison_Requirement(string expression, string expected)
    {
        var (terms, report) = Translate(expression);
        Assert.NotNull(terms);
        Assert.Equal(expected, Show(terms));
        Assert.Equal(Disposition.Mapped, report.Entry(P).Disposition);
    }

    [Fact]
    public void Translate_AndBindsTighterThanOr_Dnf()
    {
        var (terms, _) = Translate("attribute:a == 1 or attribute:b == 2 and attribute:c == 3");
        Assert.Equal("a In 1 || b In 2 & c In 3", Show(terms!));
    }

    [Fact]
    public void Translate_Parentheses_OverridePrecedence()
    {
        var (terms, _) = Translate("(attribute:a == 1 || attribute:b == 2) && attribute:c == 3");
        Assert.Equal("a In 1 & c In 3 || b In 2 & c In 3", Show(terms!));
    }

    [Fact]
    public void Translate_NotOverOr_DeMorgan()
    {
        var (terms, _) = Translate("not (attribute:a == 1 or attribute:b exists)");
        Assert.Equal("a NotIn 1 & b DoesNotExist", Show(terms!));
    }

    [Fact]
    public void Translate_BangOverAnd_DeMorganToTwoTerms()
    {
        var (terms, _) = Translate("!(attribute:a in [1, 2] and attribute:b > 3)");
        Assert.Equal("a NotIn 1|2 || b Lt 4", Show(terms!));
    }

    [Fact]
    public void Translate_WildcardPattern_ExistsApproximated()
    {
        var (terms, report) = Translate("attribute:ecs.instance-type =~ t2.*");
        Assert.Equal("node.kubernetes.io/instance-type Exists", Show(terms!));
        var entry = report.Entry(P);
        Assert.Equal(Disposition.Approximated, entry.Disposition);
        Assert.Contains("t2.*", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_NegatedWildcardOnly_NoConstraintApproximated()
    {
        var (terms, report) = Translate("attribute:ecs.instance-type !~ t2.*");
        Assert.NotNull(terms);
        Assert.Empty(terms);
        Assert.Equal(Disposition.Approximated, report.Entry(P).Disposition);
    }

    [Fact]
    public void Translate_OrWithDroppedBranch_NoConstraint()
    {
        // One branch is always true after approximation, so the disjunction is too.
        var (terms, _) = Translate("attribute:ecs.instance-type !~ t2.* or attribute:a == 1");
        Assert.Empty(terms!);
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("attribute:ecs.instance-type", 28, "operator")]
    [InlineData("attribute:ecs.instance-type ~~ t2", 29, "unknown operator")]
    [InlineData("(attribute:a == 1", 18, "missing ')'")]
    [InlineData("attribute:a == 1)", 17, "unexpected ')'")]
    [InlineData("attribute:a in [1, 2", 21, "missing ']'")]
    [InlineData("attribute:a in []", 17, "empty")]
    [InlineData("attribute:a == 1 and", 21, "expected a condition")]
    [InlineData("attribute:a == 'x", 16, "unterminated")]
    public void Translate_SyntaxError_RejectedWithPosition(string expression, int position, string message)
    {
        var (terms, report) = Translate(expression);
        Assert.Null(terms);
        var entry = report.Entry(P);
        Assert.Equal(Disposition.Rejected, entry.Disposition);
        Assert.Contains(message, entry.Reason, StringComparison.Ordinal);
        Assert.Contains($"at position {position}", entry.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", "ec2InstanceId")]
    [InlineData("task:group == service:production", "task:group")]
    [InlineData("agentVersion < 1.14.5", "agentVersion")]
    [InlineData("attribute:cores > many", "not an integer")]
    [InlineData("attribute:bad/key/x == 1", "label key")]
    public void Translate_Untranslatable_Rejected(string expression, string reason)
    {
        var (terms, report) = Translate(expression);
        Assert.Null(terms);
        Assert.Equal(Disposition.Rejected, report.Entry(P).Disposition);
        Assert.Contains(reason, report.Entry(P).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_TooManyTerms_Rejected()
    {
        var clauses = Enumerable.Range(0, 7).Select(i => $"(attribute:a{i} == 1 or attribute:b{i} == 2)");
        var (terms, report) = Translate(string.Join(" and ", clauses));
        Assert.Null(terms);
        Assert.Contains("more than 64", report.Entry(P).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_KeywordsCaseInsensitive_Parsed()
    {
        var (terms, _) = Translate("attribute:a == 1 AND NOT attribute:b EXISTS");
        Assert.Equal("a In 1 & b DoesNotExist", Show(terms!));
    }
}
