using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Api.Tests.Schema;

/// <summary>
/// The generated CRDs follow the rules of structural schemas the API server enforces, and carry what kubectl shows:
/// descriptions, printer columns, short names, categories, subresources.
/// </summary>
public sealed class CrdSchemaTests
{
    private static readonly XmlDocumentation _docs = XmlDocumentation.For(typeof(CrdGenerator).Assembly);

    public static TheoryData<string> Kinds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var type in CrdGenerator.ResourceTypes)
            {
                data.Add(type.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_EverySchemaNode_HasATypeOrIsIntOrStringOrPreserved(string kind)
    {
        var schema = Schema(kind);

        var untyped = Nodes(schema, "$")
            .Where(n => string.IsNullOrEmpty(n.Node.Type) && n.Node.XKubernetesIntOrString != true && n.Node.XKubernetesPreserveUnknownFields != true)
            .Select(n => n.Path)
            .ToList();

        Assert.True(untyped.Count == 0, $"{kind}: schema nodes without a type: {string.Join(", ", untyped)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_NoSchemaNode_HasBothPropertiesAndAdditionalProperties(string kind)
    {
        var both = Nodes(Schema(kind), "$")
            .Where(n => n.Node.Properties is { Count: > 0 } && n.Node.AdditionalProperties is not null)
            .Select(n => n.Path)
            .ToList();

        Assert.True(both.Count == 0, $"{kind}: properties together with additionalProperties at {string.Join(", ", both)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_EnumsAndRanges_OnlyOnMatchingTypes(string kind)
    {
        var wrong = Nodes(Schema(kind), "$")
            .Where(n => (n.Node.EnumProperty is not null && n.Node.Type != "string")
                || ((n.Node.Minimum is not null || n.Node.Maximum is not null) && n.Node.Type is not ("integer" or "number")))
            .Select(n => n.Path)
            .ToList();

        Assert.True(wrong.Count == 0, $"{kind}: enum or range on a node of another type: {string.Join(", ", wrong)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_EveryInteger_IsBoundedByWhatItsTypeHolds(string kind)
    {
        // Through YAML and back, as the API server reads the bounds.
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(KubernetesYaml.Serialize(Crd(kind)));
        var unbounded = Nodes(Assert.Single(crd.Spec.Versions).Schema.OpenAPIV3Schema, "$")
            .Where(n => n.Node.Type == "integer")
            .Where(n => n.Node.Format switch
            {
                "int32" => !(n.Node.Minimum >= int.MinValue && n.Node.Maximum <= int.MaxValue),
                // 2^63 is the first double outside Int64 (long.MaxValue rounds up to it).
                "int64" => !(n.Node.Minimum >= long.MinValue && n.Node.Maximum < -(double)long.MinValue),
                _ => true,
            })
            .Select(n => $"{n.Path} ({n.Node.Format}: {n.Node.Minimum}..{n.Node.Maximum})")
            .ToList();

        Assert.True(unbounded.Count == 0, $"{kind}: integers the model cannot hold are accepted at {string.Join(", ", unbounded)}");
    }

    [Fact]
    public void Generate_IntegersInListsAndBakeTimes_CarryTheirBounds()
    {
        var container = (V1JSONSchemaProps)Schema(nameof(EcsTaskDefinition)).Properties["spec"].Properties["containerDefinitions"].Items;
        var ulimit = ((V1JSONSchemaProps)container.Properties["ulimits"].Items).Properties;
        var ignoredExitCodes = (V1JSONSchemaProps)container.Properties["restartPolicy"].Properties["ignoredExitCodes"].Items;
        var deployment = Schema(nameof(EcsService)).Properties["spec"].Properties["deploymentConfiguration"].Properties;

        Assert.Equal(int.MaxValue, ulimit["softLimit"].Maximum);
        Assert.Equal(int.MinValue, ulimit["hardLimit"].Minimum);
        Assert.Equal(int.MaxValue, ignoredExitCodes.Maximum);
        Assert.Equal(0, deployment["bakeTimeInMinutes"].Minimum);
        Assert.Equal(1440, deployment["bakeTimeInMinutes"].Maximum);
        Assert.Equal(1440, deployment["canaryConfiguration"].Properties["canaryBakeTimeInMinutes"].Maximum);
        Assert.Equal(1440, deployment["linearConfiguration"].Properties["stepBakeTimeInMinutes"].Maximum);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_SpecTopLevelFields_HaveDescriptions(string kind)
    {
        var spec = Schema(kind).Properties["spec"];

        var undocumented = spec.Properties.Where(p => string.IsNullOrWhiteSpace(p.Value.Description)).Select(p => p.Key).ToList();

        Assert.False(string.IsNullOrWhiteSpace(spec.Description), $"{kind}.spec has no description");
        Assert.True(undocumented.Count == 0, $"{kind}.spec fields without a description (kubectl explain shows nothing): {string.Join(", ", undocumented)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_EveryKind_HasShortNameCategoryEcsAndStatusSubresource(string kind)
    {
        var crd = Crd(kind);
        var version = Assert.Single(crd.Spec.Versions);

        Assert.Equal("ecsonk8s.io", crd.Spec.Group);
        Assert.Equal(kind == nameof(EcsClusterPolicy) ? "Cluster" : "Namespaced", crd.Spec.Scope);
        Assert.Equal(["ecs"], crd.Spec.Names.Categories);
        Assert.Single(crd.Spec.Names.ShortNames);
        Assert.NotNull(version.Subresources.Status);
        Assert.True(version.Served);
        Assert.True(version.Storage);
        Assert.Equal("Age", version.AdditionalPrinterColumns[^1].Name);
    }

    [Fact]
    public void Generate_ShortNames_AreTheDocumentedOnes()
    {
        var shortNames = CrdGenerator.ResourceTypes.ToDictionary(t => t.Name, t => Assert.Single(Crd(t.Name).Spec.Names.ShortNames));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["EcsCluster"] = "ecscluster",
                ["EcsTaskDefinition"] = "ecstd",
                ["EcsService"] = "ecssvc",
                ["EcsTask"] = "ecstask",
                ["EcsScheduledTask"] = "ecsst",
                ["EcsEventRule"] = "ecsrule",
                ["EcsClusterPolicy"] = "ecspolicy",
            },
            shortNames);
    }

    [Fact]
    public void Generate_EcsService_ScaleSubresourceOnDesiredAndRunningCount()
    {
        var scale = Assert.Single(Crd(nameof(EcsService)).Spec.Versions).Subresources.Scale;

        Assert.NotNull(scale);
        Assert.Equal(".spec.desiredCount", scale.SpecReplicasPath);
        Assert.Equal(".status.runningCount", scale.StatusReplicasPath);
        Assert.Equal(".status.selector", scale.LabelSelectorPath);
        var status = Schema(nameof(EcsService)).Properties["status"].Properties;
        Assert.Equal("integer", status["runningCount"].Type);
        Assert.Equal("string", status["selector"].Type);
        Assert.Equal("integer", Schema(nameof(EcsService)).Properties["spec"].Properties["desiredCount"].Type);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_EveryField_HasADescriptionForKubectlExplain(string kind)
    {
        var undocumented = new List<string>();
        void Walk(V1JSONSchemaProps node, string path)
        {
            foreach (var (name, property) in node.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
            {
                var at = path + "." + name;

                // metadata is the API server's: a CRD may give it nothing but a type.
                if (string.IsNullOrWhiteSpace(property.Description) && at != kind + ".metadata")
                {
                    undocumented.Add(at);
                }

                Walk(property, at);
                if (property.Items is V1JSONSchemaProps items)
                {
                    Walk(items, at + "[]");
                }

                if (property.AdditionalProperties is V1JSONSchemaProps values)
                {
                    Walk(values, at + "{}");
                }
            }
        }

        Walk(Schema(kind), kind);

        Assert.True(undocumented.Count == 0, $"{undocumented.Count} fields without a description (add a <summary>): {string.Join(", ", undocumented)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_Metadata_OnlyATypeAsTheApiServerRequires(string kind)
    {
        var metadata = Schema(kind).Properties["metadata"];

        Assert.Equal(("object", null, null), (metadata.Type, metadata.Description, metadata.Properties));
    }

    [Fact]
    public void Generate_Defaults_OnlyWhereEcsHasThemAndNeverInAListItem()
    {
        var defaults = new List<string>();
        void Walk(V1JSONSchemaProps node, string path, bool inList)
        {
            if (node.DefaultProperty is not null)
            {
                Assert.False(inList, $"{path}: a default inside a list item makes Argo CD's diff show drift");
                if (node.EnumProperty is { Count: > 0 } allowed)
                {
                    Assert.Contains(node.DefaultProperty, allowed);
                }

                if (node.DefaultProperty is int number)
                {
                    Assert.InRange(number, node.Minimum ?? int.MinValue, node.Maximum ?? int.MaxValue);
                }

                defaults.Add($"{path}={node.DefaultProperty}");
            }

            foreach (var (name, property) in node.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
            {
                Walk(property, path + "." + name, inList);
            }

            if (node.Items is V1JSONSchemaProps items)
            {
                Walk(items, path + "[]", inList: true);
            }
        }

        foreach (var type in CrdGenerator.ResourceTypes)
        {
            Walk(Schema(type.Name), type.Name, inList: false);
        }

        Assert.Equal(
            [
                "EcsEventRule.spec.state=ENABLED",
                "EcsScheduledTask.spec.state=ENABLED",
                "EcsScheduledTask.spec.target.ecsParameters.taskCount=1",
                "EcsService.spec.propagateTags=NONE",
                "EcsService.spec.schedulingStrategy=REPLICA",
                "EcsTask.spec.count=1",
            ],
            defaults.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(defaults, d => d.Contains("desiredCount", StringComparison.Ordinal) || d.Contains("launchType", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_EcsService_PrinterColumnsAsDesigned()
    {
        var columns = Assert.Single(Crd(nameof(EcsService)).Spec.Versions).AdditionalPrinterColumns;

        Assert.Equal(
            ["Cluster", "Task definition", "Desired", "Running", "Pending", "Status", "Rollout", "Launch type", "Capacity providers", "Reason", "Age"],
            columns.Select(c => c.Name));
        Assert.Equal(".status.deployments[?(@.status==\"PRIMARY\")].rolloutState", columns.Single(c => c.Name == "Rollout").JsonPath);
        Assert.Equal(["Launch type", "Capacity providers", "Reason"], columns.Where(c => c.Priority == 1).Select(c => c.Name));
        Assert.Equal(".spec.desiredCount", columns.Single(c => c.Name == "Desired").JsonPath);
        Assert.Equal(".status.runningCount", columns.Single(c => c.Name == "Running").JsonPath);
        Assert.Equal(".status.pendingCount", columns.Single(c => c.Name == "Pending").JsonPath);
        Assert.Equal("date", columns.Single(c => c.Name == "Age").Type);
    }

    [Fact]
    public void Generate_OnlyEcsService_HasAScaleSubresource()
    {
        var scaled = CrdGenerator.ResourceTypes.Where(t => Assert.Single(Crd(t.Name).Spec.Versions).Subresources.Scale is not null).Select(t => t.Name);

        Assert.Equal([nameof(EcsService)], scaled);
    }

    [Fact]
    public void Generate_TaskSizes_AreIntOrString()
    {
        var spec = Schema(nameof(EcsTaskDefinition)).Properties["spec"].Properties;

        Assert.True(spec["cpu"].XKubernetesIntOrString);
        Assert.True(spec["memory"].XKubernetesIntOrString);
    }

    [Fact]
    public void Generate_EnumsWhereEcsDefinesThem()
    {
        var spec = Schema(nameof(EcsTaskDefinition)).Properties["spec"].Properties;
        var container = spec["containerDefinitions"].Items is V1JSONSchemaProps items ? items.Properties : throw new InvalidOperationException("containerDefinitions has no items");
        var dependsOn = ((V1JSONSchemaProps)container["dependsOn"].Items).Properties;
        var portMapping = ((V1JSONSchemaProps)container["portMappings"].Items).Properties;
        var requires = (V1JSONSchemaProps)spec["requiresCompatibilities"].Items;

        Assert.Equal(["awsvpc", "bridge", "host", "none"], spec["networkMode"].EnumProperty.Cast<string>());
        Assert.Equal(["START", "COMPLETE", "SUCCESS", "HEALTHY"], dependsOn["condition"].EnumProperty.Cast<string>());
        Assert.Equal(["tcp", "udp"], portMapping["protocol"].EnumProperty.Cast<string>());
        Assert.Contains("FARGATE", requires.EnumProperty.Cast<string>());
        var deployment = Schema(nameof(EcsService)).Properties["spec"].Properties["deploymentConfiguration"].Properties;
        Assert.Equal(0, deployment["minimumHealthyPercent"].Minimum);
        Assert.Equal(100, deployment["minimumHealthyPercent"].Maximum);
    }

    [Fact]
    public void Generate_EventRuleTargets_OneToFiveWithUniqueIds()
    {
        var spec = Schema(nameof(EcsEventRule)).Properties["spec"];
        var targets = spec.Properties["targets"];
        var target = (V1JSONSchemaProps)targets.Items;
        var transformer = target.Properties["ecsTask"].Properties["inputTransformer"];

        Assert.Contains("targets", spec.Required);
        Assert.Equal(1, targets.MinItems);
        Assert.Equal(5, targets.MaxItems);
        Assert.Equal("map", targets.XKubernetesListType);
        Assert.Equal(["id"], targets.XKubernetesListMapKeys);
        Assert.Contains("id", target.Required);
        Assert.Equal(100, transformer.Properties["inputPathsMap"].MaxProperties);
        Assert.Null(transformer.Properties["inputPathsMap"].MinProperties);
        Assert.True(spec.Properties["eventPattern"].XKubernetesPreserveUnknownFields);
        Assert.Equal(["ENABLED", "DISABLED"], spec.Properties["state"].EnumProperty.Cast<string>());
        Assert.Equal(185, target.Properties["retryPolicy"].Properties["maximumRetryAttempts"].Maximum);
    }

    private static V1CustomResourceDefinition Crd(string kind) =>
        CrdGenerator.Generate(CrdGenerator.ResourceTypes.Single(t => t.Name == kind), _docs);

    private static V1JSONSchemaProps Schema(string kind) =>
        Assert.Single(Crd(kind).Spec.Versions).Schema.OpenAPIV3Schema;

    private static IEnumerable<(string Path, V1JSONSchemaProps Node)> Nodes(V1JSONSchemaProps node, string path)
    {
        yield return (path, node);
        foreach (var (name, child) in node.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            foreach (var n in Nodes(child, $"{path}.{name}"))
            {
                yield return n;
            }
        }

        if (node.Items is V1JSONSchemaProps items)
        {
            foreach (var n in Nodes(items, path + "[]"))
            {
                yield return n;
            }
        }

        if (node.AdditionalProperties is V1JSONSchemaProps values)
        {
            foreach (var n in Nodes(values, path + "{}"))
            {
                yield return n;
            }
        }
    }
}
