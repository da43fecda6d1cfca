using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOnK8s.Api.Serialization;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Api.Schema;

/// <summary>
/// Generates the CustomResourceDefinitions of the EcsOnK8s API from the model types: structural schemas with
/// descriptions from the XML docs, enums and ranges from the schema attributes, printer columns and subresources.
/// </summary>
public static class CrdGenerator
{
    /// <summary>
    /// The bound of Int64 fields. Int64's own bounds are not doubles, and the YAML writer keeps 15 significant
    /// digits: this is the largest such number that, read back as a double, stays inside Int64.
    /// </summary>
    public const double Int64Bound = 9_223_372_036_854_770_000d;

    /// <summary>The resource types, in the order their CRDs are written.</summary>
    public static IReadOnlyList<Type> ResourceTypes { get; } =
    [
        typeof(EcsCluster), typeof(EcsTaskDefinition), typeof(EcsService), typeof(EcsTask), typeof(EcsScheduledTask),
        typeof(EcsEventRule), typeof(EcsClusterPolicy),
    ];

    /// <summary>File name and YAML text of every CRD, deterministic for the same types.</summary>
    public static IReadOnlyList<(string FileName, string Yaml)> GenerateYaml()
    {
        var docs = XmlDocumentation.For(typeof(CrdGenerator).Assembly);
        return ResourceTypes
            .Select(t => Generate(t, docs))
            .Select(crd => ($"{crd.Spec.Group}_{crd.Spec.Names.Plural}.yaml", KubernetesYaml.Serialize(crd)))
            .ToList();
    }

    public static V1CustomResourceDefinition Generate(Type resourceType, XmlDocumentation docs)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(docs);
        var entity = resourceType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{resourceType.Name} has no KubernetesEntity attribute", nameof(resourceType));
        var resource = resourceType.GetCustomAttribute<CustomResourceAttribute>() ?? new CustomResourceAttribute();
        var specType = resourceType.GetProperty("Spec")!.PropertyType;
        var statusType = resourceType.GetProperty("Status")!.PropertyType;

        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Description = resource.Description,
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["apiVersion"] = new() { Type = "string", Description = "The versioned schema of this object: " + EcsApi.ApiVersion + "." },
                ["kind"] = new() { Type = "string", Description = "The kind of this object: " + entity.Kind + "." },
                // The API server refuses anything but a type on metadata (kubectl explain shows ObjectMeta's own).
                ["metadata"] = new() { Type = "object" },
                ["spec"] = SchemaOf(specType, docs, 0),
                ["status"] = SchemaOf(statusType, docs, 0),
            },
        };
        schema.Properties["spec"].Description ??= docs.Of(specType);
        schema.Properties["status"].Description ??= docs.Of(statusType);

        var subresources = new V1CustomResourceSubresources { Status = new object() };
        if (resource.ScaleSubresource)
        {
            subresources.Scale = new V1CustomResourceSubresourceScale
            {
                SpecReplicasPath = ".spec.desiredCount",
                StatusReplicasPath = ".status.runningCount",
                LabelSelectorPath = ".status.selector",
            };
        }

        var columns = resourceType.GetCustomAttributes<PrinterColumnAttribute>()
            .Select(c => new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                Type = c.Type,
                JsonPath = c.JsonPath,
                Priority = c.Priority == 0 ? null : c.Priority,
            })
            .Append(new V1CustomResourceColumnDefinition { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" })
            .ToList();

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta
            {
                Name = $"{entity.PluralName}.{entity.Group}",
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "ecsonk8s" },
            },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = resource.ClusterScoped ? "Cluster" : "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.PluralName,
                    Singular = entity.Kind.ToLowerInvariant(),
                    ShortNames = string.IsNullOrEmpty(resource.ShortName) ? null : [resource.ShortName],
                    Categories = [EcsApi.Category],
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema },
                        Subresources = subresources,
                        AdditionalPrinterColumns = columns,
                    },
                ],
            },
        };
    }

    private static V1JSONSchemaProps SchemaOf(Type type, XmlDocumentation docs, int depth)
    {
        if (depth > 16)
        {
            throw new InvalidOperationException($"type nesting too deep at {type.Name}");
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (underlying == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        // Integers are bounded by what the model holds: the API server ignores "format", so without the bounds it
        // stores numbers the operator can never read back (an Int32 overflow on one object used to stop its kind's
        // list for every namespace).
        if (underlying == typeof(int))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32", Minimum = int.MinValue, Maximum = int.MaxValue };
        }

        if (underlying == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64", Minimum = -Int64Bound, Maximum = Int64Bound };
        }

        if (underlying == typeof(double))
        {
            return new V1JSONSchemaProps { Type = "number", Format = "double" };
        }

        if (underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (underlying == typeof(JsonElement) || underlying == typeof(FreeFormJson))
        {
            // An AWS "document" member: any JSON value, kept as given.
            return new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true };
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return new V1JSONSchemaProps
            {
                Type = "object",
                AdditionalProperties = SchemaOf(underlying.GetGenericArguments()[1], docs, depth + 1),
            };
        }

        if (underlying != typeof(string) && typeof(IEnumerable).IsAssignableFrom(underlying) && underlying.IsGenericType)
        {
            return new V1JSONSchemaProps
            {
                Type = "array",
                Items = SchemaOf(underlying.GetGenericArguments()[0], docs, depth + 1),
            };
        }

        if (underlying.Namespace == typeof(V1ObjectMeta).Namespace)
        {
            return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        }

        var properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = JsonName(property);
            var schema = PropertySchema(property, docs, depth);
            properties[name] = schema;
            if (property.GetCustomAttribute<SchemaRequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Properties = properties,
            Required = required.Count == 0 ? null : required,
        };
    }

    private static V1JSONSchemaProps PropertySchema(PropertyInfo property, XmlDocumentation docs, int depth)
    {
        V1JSONSchemaProps schema;
        var converter = property.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
        if (converter == typeof(IntOrStringTextConverter))
        {
            schema = new V1JSONSchemaProps { XKubernetesIntOrString = true };
        }
        else if (converter == typeof(TimestampTextConverter))
        {
            // ECS emits epoch seconds as numbers (often fractional); the AWS CLI emits ISO 8601 strings.
            schema = new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true };
        }
        else if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema = SchemaOf(property.PropertyType, docs, depth + 1);
            var target = schema.Type == "array" ? schema.Items as V1JSONSchemaProps ?? schema : schema;
            target.XKubernetesPreserveUnknownFields = true;
            target.Properties = null;
        }
        else
        {
            schema = SchemaOf(property.PropertyType, docs, depth + 1);
        }

        // A field without its own summary is described by its type's (the element type's, for a list or map).
        schema.Description = docs.Of(property) ?? schema.Description ?? docs.Of(ElementType(property.PropertyType));
        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } values)
        {
            // On a list of strings the values constrain the items.
            var target = schema.Type == "array" && schema.Items is V1JSONSchemaProps items ? items : schema;
            target.EnumProperty = values.Values.Cast<object>().ToList();
        }

        if (property.GetCustomAttribute<SchemaRangeAttribute>() is { } range)
        {
            // On a list or map of numbers the range constrains the items; it only ever tightens the type's bounds.
            var target = schema.Type == "array" && schema.Items is V1JSONSchemaProps itemSchema ? itemSchema
                : schema.Type == "object" && schema.AdditionalProperties is V1JSONSchemaProps valueSchema ? valueSchema
                : schema;
            if (target.Minimum is null || range.Minimum > target.Minimum)
            {
                target.Minimum = range.Minimum;
            }

            if (target.Maximum is null || range.Maximum < target.Maximum)
            {
                target.Maximum = range.Maximum;
            }
        }

        if (property.GetCustomAttribute<SchemaItemsAttribute>() is { } count)
        {
            if (schema.Type == "array")
            {
                schema.MinItems = count.Minimum == 0 ? null : count.Minimum;
                schema.MaxItems = count.Maximum;
            }
            else
            {
                schema.MinProperties = count.Minimum == 0 ? null : count.Minimum;
                schema.MaxProperties = count.Maximum;
            }
        }

        if (property.GetCustomAttribute<SchemaDefaultAttribute>() is { } fallback)
        {
            schema.DefaultProperty = fallback.Value;
        }

        if (property.GetCustomAttribute<ListMapKeyAttribute>() is { } key)
        {
            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = [key.Key];
        }

        return schema;
    }

    private static Type ElementType(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsGenericType && underlying != typeof(string) ? underlying.GetGenericArguments()[^1] : underlying;
    }

    /// <summary>The JSON name of a property under the Kubernetes serializer's conventions.</summary>
    public static string JsonName(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
            ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
    }
}
