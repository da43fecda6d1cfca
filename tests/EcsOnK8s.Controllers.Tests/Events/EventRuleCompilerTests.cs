using System.Text.Json.Nodes;
using EcsOnK8s.Api.Serialization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class EventRuleCompilerTests
{
    [Fact]
    public void Compile_ValidRule_DefaultsOfEventBridgeAndTheOperator()
    {
        var (rule, errors) = EventRuleCompiler.Compile(Rule("""{"source":["aws.ecs"]}"""), new EventDeliveryOptions { MaxInvocationsPerMinute = 77 });

        Assert.Empty(errors);
        var target = Assert.Single(rule!.Targets);
        Assert.Equal((185, TimeSpan.FromDays(1)), (target.MaximumRetryAttempts, target.MaximumEventAge));
        Assert.Equal(77, rule.MaxInvocationsPerMinute);
        Assert.True(rule.Enabled);
    }

    [Theory]
    [InlineData(null, "spec.eventPattern: is required")]
    [InlineData("""{"detail":{"size":[{"numeric":[">","x"]}]}}""", "spec.eventPattern.detail.size")]
    [InlineData("""{"source":"aws.ecs"}""", "spec.eventPattern.source")]
    public void Compile_InvalidPattern_ErrorNamesTheField(string? pattern, string expectedStart)
    {
        var (rule, errors) = EventRuleCompiler.Compile(Rule(pattern), new EventDeliveryOptions());

        Assert.Null(rule);
        Assert.StartsWith(expectedStart, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_InvalidTarget_ErrorNamesTheTarget()
    {
        var source = Rule("""{"source":["aws.ecs"]}""");
        source.Spec.Targets![0].Http!.Url = "ftp://x";

        var (rule, errors) = EventRuleCompiler.Compile(source, new EventDeliveryOptions());

        Assert.Null(rule);
        Assert.StartsWith("spec.targets[0].http.url", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_DisabledRule_MatchesNothing()
    {
        var registry = new EventRuleRegistry();
        var enabled = EventRuleCompiler.Compile(Rule("""{"source":["aws.ecs"]}"""), new EventDeliveryOptions()).Rule!;
        var disabled = Rule("""{"source":["aws.ecs"]}""", "off");
        disabled.Spec.State = EcsEventRuleSpec.Disabled;
        registry.Set(enabled);
        registry.Set(EventRuleCompiler.Compile(disabled, new EventDeliveryOptions()).Rule!);
        var @event = System.Text.Json.JsonDocument.Parse("""{"source":"aws.ecs"}""").RootElement;

        Assert.Equal(["r"], registry.Match("ns", @event).Select(r => r.Key.Name));
        Assert.Empty(registry.Match("other", @event));
    }

    private static EcsEventRule Rule(string? pattern, string name = "r") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", Uid = Guid.NewGuid().ToString(), Generation = 1 },
        Spec = new EcsEventRuleSpec
        {
            EventPattern = pattern is null ? null : new FreeFormJson(JsonNode.Parse(pattern)),
            Targets = [new EventRuleTarget { Id = "hook", Http = new HttpTarget { Url = "http://127.0.0.1/" } }],
        },
    };
}
