using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events;

/// <summary>One attempt to deliver <paramref name="Event"/> to <paramref name="Target"/> of <paramref name="Rule"/> (attempt 1 is the first).</summary>
public sealed record TargetInvocation(EcsEventRule Rule, EventRuleTarget Target, AwsEvent Event, JsonObject EventJson, int Attempt);
