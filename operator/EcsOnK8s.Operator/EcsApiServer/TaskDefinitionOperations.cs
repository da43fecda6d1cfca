using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.EcsProtocol.Naming;
using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.EcsProtocol.Shapes;
using EcsOnK8s.Translation.Naming;
using k8s;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// Task definitions: a family is one EcsTaskDefinition (named after the family), each revision the operator's
/// immutable ControllerRevision of it. RegisterTaskDefinition writes the family's spec and waits for the operator to
/// number the revision (the revision whose content hash is the request's); registering the latest revision's content
/// again answers that revision rather than adding an identical one.
/// </summary>
internal static class TaskDefinitionOperations
{
    private static readonly string[] RequestOnly = ["tags"];

    public static async Task<JsonObject> RegisterAsync(EcsApiContext c, JsonObject request)
    {
        var family = EcsNames.Family(request.Required("family"));
        var body = (JsonObject)request.DeepClone();
        foreach (var member in RequestOnly)
        {
            body.Remove(member);
        }

        var spec = body.As<EcsTaskDefinitionSpec>("taskDefinition");
        spec.Tags = request["tags"]?.As<List<Tag>>("tags");
        spec.Family = family;

        EcsTaskDefinition? written = null;
        for (var attempt = 0; attempt < 5 && written is null; attempt++)
        {
            var existing = await FindFamilyAsync(c, family).ConfigureAwait(false);
            if (existing is null)
            {
                written = await c.Objects.CreateAsync(EcsTaskDefinition.Plural, new EcsTaskDefinition
                {
                    Metadata = new() { Name = ObjectName(family), NamespaceProperty = c.Namespace },
                    Spec = spec,
                }).ConfigureAwait(false);
            }
            else
            {
                spec.InactiveRevisions = existing.Spec.InactiveRevisions;
                existing.Spec = spec;
                existing.Status = null!;
                written = await c.Objects.ReplaceAsync(EcsTaskDefinition.Plural, existing.Metadata.Name, existing).ConfigureAwait(false);
            }
        }

        if (written is null)
        {
            throw new EcsApiException(EcsErrorType.ClientException, $"family {family}: changed concurrently; send the request again.");
        }

        var hash = TaskDefinitionNormalizer.Normalize(spec, written.Metadata.Name).Hash;
        var registered = await WaitAsync(c, written.Metadata.Name, written.Metadata.Generation ?? 0, hash).ConfigureAwait(false);
        var revision = registered.Status.Revisions!.Last(r => r.Hash == hash);
        var content = TaskDefinitionNormalizer.Normalize(spec, written.Metadata.Name).Spec;
        return new JsonObject
        {
            ["taskDefinition"] = c.Shapes.TaskDefinition(content, family, revision.Revision!.Value, revision.Status ?? EcsShapes.Active, revision.CreatedAt),
            ["tags"] = EcsShapes.Tags(spec.Tags),
        };
    }

    public static async Task<JsonObject> DescribeAsync(EcsApiContext c, JsonObject request)
    {
        var (family, number) = c.Names.TaskDefinition(request.Required("taskDefinition"));
        var (td, revision) = await ResolveAsync(c, family, number).ConfigureAwait(false);
        var content = await ContentAsync(c, td, revision).ConfigureAwait(false);
        var answer = new JsonObject { ["taskDefinition"] = Shape(c, content, family, revision) };
        if (request.Includes("TAGS"))
        {
            // Each revision keeps the tags it was registered with, as in ECS.
            answer["tags"] = EcsShapes.Tags(content.Tags);
        }

        return answer;
    }

    public static async Task<JsonObject> DeregisterAsync(EcsApiContext c, JsonObject request)
    {
        var reference = request.Required("taskDefinition");
        var (family, number) = c.Names.TaskDefinition(reference);
        if (number is null)
        {
            throw new EcsApiException(EcsErrorType.ClientException, $"taskDefinition: '{reference}' names no revision; deregister FAMILY:REVISION.");
        }

        var (td, revision) = await ResolveAsync(c, family, number).ConfigureAwait(false);
        var inactive = (td.Spec.InactiveRevisions ?? []).Union([revision.Revision!.Value]).Order().ToList();
        var patched = await c.Objects.MergePatchAsync<EcsTaskDefinition>(EcsTaskDefinition.Plural, td.Metadata.Name, new
        {
            metadata = new { resourceVersion = td.Metadata.ResourceVersion },
            spec = new { inactiveRevisions = inactive },
        }).ConfigureAwait(false) ?? throw new EcsApiException(EcsErrorType.ClientException, $"family {family}: changed concurrently; send the request again.");
        revision.Status = EcsShapes.Inactive;
        return new JsonObject { ["taskDefinition"] = Shape(c, await ContentAsync(c, patched, revision).ConfigureAwait(false), family, revision) };
    }

    public static async Task<JsonObject> ListAsync(EcsApiContext c, JsonObject request)
    {
        var prefix = request.String("familyPrefix");
        var status = request.String("status") ?? EcsShapes.Active;
        var descending = request.String("sort") == "DESC";
        var entries = (await c.Objects.ListAsync<EcsTaskDefinition>(EcsTaskDefinition.Plural).ConfigureAwait(false))
            .Select(td => (Family: EcsInformers.EffectiveFamily(td), td))
            .Where(f => prefix is null || f.Family.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(f => (f.td.Status?.Revisions ?? []).Where(r => r.Revision is not null && (r.Status ?? EcsShapes.Active) == status)
                .Select(r => (f.Family, Revision: r.Revision!.Value)));
        var (page, next) = Pagination.Page(
            entries, e => e.Family + ":" + e.Revision.ToString("D10", CultureInfo.InvariantCulture), request.Int("maxResults"), request.String("nextToken"), 100, descending: descending);
        return WithToken(new JsonObject { ["taskDefinitionArns"] = new JsonArray([.. page.Select(e => (JsonNode)c.Names.Arns.TaskDefinition(e.Family, e.Revision))]) }, next);
    }

    public static async Task<JsonObject> ListFamiliesAsync(EcsApiContext c, JsonObject request)
    {
        var prefix = request.String("familyPrefix");
        var status = request.String("status") ?? EcsShapes.Active;
        var families = (await c.Objects.ListAsync<EcsTaskDefinition>(EcsTaskDefinition.Plural).ConfigureAwait(false))
            .Where(td => td.Status?.Revisions is { Count: > 0 })
            .Where(td => status switch
            {
                "ALL" => true,
                "INACTIVE" => td.Status.Revisions!.All(r => r.Status == EcsShapes.Inactive),
                _ => td.Status.Revisions!.Any(r => r.Status != EcsShapes.Inactive),
            })
            .Select(EcsInformers.EffectiveFamily)
            .Where(f => prefix is null || f.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
        var (page, next) = Pagination.Page(families, f => f, request.Int("maxResults"), request.String("nextToken"), 100);
        return WithToken(new JsonObject { ["families"] = new JsonArray([.. page.Select(f => (JsonNode)f)]) }, next);
    }

    /// <summary>The family's resource and one revision: the one named, or the latest ACTIVE; ECS's ClientException when there is none.</summary>
    public static async Task<(EcsTaskDefinition Td, TaskDefinitionRevision Revision)> ResolveAsync(EcsApiContext c, string family, int? number)
    {
        var td = await FindFamilyAsync(c, family).ConfigureAwait(false);
        var revisions = td?.Status?.Revisions ?? [];
        var revision = number is null
            ? revisions.LastOrDefault(r => r.Status != EcsShapes.Inactive)
            : revisions.FirstOrDefault(r => r.Revision == number);
        return td is null || revision is null
            ? throw new EcsApiException(EcsErrorType.ClientException, $"Unable to describe task definition {family}{(number is null ? string.Empty : ":" + number)}: no such {(number is null ? "ACTIVE revision" : "revision")}.")
            : (td, revision);
    }

    /// <summary>The resource of a family: the one named after it when its family agrees, else any whose spec.family is it.</summary>
    public static async Task<EcsTaskDefinition?> FindFamilyAsync(EcsApiContext c, string family)
    {
        var byName = await c.Objects.GetAsync<EcsTaskDefinition>(EcsTaskDefinition.Plural, ObjectName(family)).ConfigureAwait(false);
        if (byName is not null && EcsInformers.EffectiveFamily(byName) == family)
        {
            return byName;
        }

        return (await c.Objects.ListAsync<EcsTaskDefinition>(EcsTaskDefinition.Plural).ConfigureAwait(false))
            .Where(td => EcsInformers.EffectiveFamily(td) == family)
            .OrderBy(td => td.Metadata.CreationTimestamp)
            .FirstOrDefault();
    }

    /// <summary>The object name of a family: the family itself when it is a valid name, else a sanitised one with a hash.</summary>
    public static string ObjectName(string family) =>
        KubeNames.IsDnsLabel(family) ? family : KubeNames.SanitizeSubdomain(family.Replace('_', '-').ToLowerInvariant(), 52) + "-" + ShortHash(family);

    /// <summary>A revision's content as the operator stored it (its ControllerRevision).</summary>
    private static async Task<EcsTaskDefinitionSpec> ContentAsync(EcsApiContext c, EcsTaskDefinition td, TaskDefinitionRevision revision)
    {
        var stored = revision.ControllerRevision is null ? null : await c.Objects.CallAsync("get", "controllerrevisions", (k, ct) =>
            k.AppsV1.ReadNamespacedControllerRevisionAsync(revision.ControllerRevision, c.Namespace, cancellationToken: ct)).ConfigureAwait(false);
        return stored?.Data is JsonElement data
            ? KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(data.GetRawText())
            : TaskDefinitionNormalizer.Normalize(td.Spec, td.Metadata.Name).Spec;
    }

    private static JsonObject Shape(EcsApiContext c, EcsTaskDefinitionSpec content, string family, TaskDefinitionRevision revision) =>
        c.Shapes.TaskDefinition(content, family, revision.Revision!.Value, revision.Status ?? EcsShapes.Active, revision.CreatedAt);

    private static async Task<EcsTaskDefinition> WaitAsync(EcsApiContext c, string name, long generation, string hash)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var td = await c.Objects.GetAsync<EcsTaskDefinition>(EcsTaskDefinition.Plural, name).ConfigureAwait(false)
                ?? throw new EcsApiException(EcsErrorType.ClientException, $"The task definition {name} was deleted while it was being registered.");
            if (td.Status?.ObservedGeneration >= generation)
            {
                if (td.Status.Revisions?.Any(r => r.Hash == hash) == true)
                {
                    return td;
                }

                var ready = td.Status.Conditions?.FirstOrDefault(x => x.Type == ConditionTypes.Ready);
                if (ready is { Status: "False" } && ready.ObservedGeneration >= generation)
                {
                    throw new EcsApiException(EcsErrorType.ClientException, $"The task definition was not registered: {ready.Message}");
                }
            }

            // The request's own timeout (the endpoint's) ends the wait when the operator is not running.
            await Task.Delay(delay, c.Time, c.CancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    internal static JsonObject WithToken(JsonObject answer, string? next)
    {
        if (next is not null)
        {
            answer["nextToken"] = next;
        }

        return answer;
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..8];
}
