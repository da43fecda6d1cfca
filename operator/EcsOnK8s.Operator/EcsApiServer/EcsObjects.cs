using System.Net;
using System.Text.Json;
using EcsOnK8s.EcsProtocol.Protocol;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// The custom resources of one namespace, through the impersonating client; writes carry the ECS API's own field
/// manager (<see cref="Api.EcsApi.EcsApiFieldManager"/>). The API server's refusals become AWS errors: 403
/// <see cref="EcsErrorType.AccessDeniedException"/> with Kubernetes' reason, 422 <see cref="EcsErrorType.InvalidParameterException"/>
/// with the schema's message; a missing object is null for the caller to answer as ECS does.
/// </summary>
public sealed class EcsObjects(IKubernetes kubernetes, string @namespace, CancellationToken cancellationToken)
{
    public const string FieldManager = Api.EcsApi.EcsApiFieldManager;

    public async Task<T?> GetAsync<T>(string plural, string name)
        where T : class
    {
        try
        {
            var found = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(
                Api.EcsApi.Group, Api.EcsApi.Version, @namespace, plural, name, cancellationToken).ConfigureAwait(false);
            return KubernetesJson.Deserialize<T>(found.GetRawText());
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Translate(e, "get", plural);
        }
    }

    public async Task<List<T>> ListAsync<T>(string plural, string? labelSelector = null)
    {
        try
        {
            var list = await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(
                Api.EcsApi.Group, Api.EcsApi.Version, @namespace, plural, labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. list.GetProperty("items").EnumerateArray().Select(i => KubernetesJson.Deserialize<T>(i.GetRawText()))];
        }
        catch (HttpOperationException e)
        {
            throw Translate(e, "list", plural);
        }
    }

    /// <summary>Creates the object; null when one of that name exists already.</summary>
    public async Task<T?> CreateAsync<T>(string plural, T resource)
        where T : class
    {
        try
        {
            var created = await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
                JsonDocument.Parse(KubernetesJson.Serialize(resource)).RootElement, Api.EcsApi.Group, Api.EcsApi.Version, @namespace, plural,
                fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return KubernetesJson.Deserialize<T>(created.GetRawText());
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Translate(e, "create", plural);
        }
    }

    /// <summary>Replaces the object (its resourceVersion guards against a concurrent change); null on a conflict.</summary>
    public async Task<T?> ReplaceAsync<T>(string plural, string name, T resource)
        where T : class
    {
        try
        {
            var replaced = await kubernetes.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonElement>(
                JsonDocument.Parse(KubernetesJson.Serialize(resource)).RootElement, Api.EcsApi.Group, Api.EcsApi.Version, @namespace, plural, name,
                fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return KubernetesJson.Deserialize<T>(replaced.GetRawText());
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Translate(e, "update", plural);
        }
    }

    /// <summary>A JSON merge patch; null when the object is gone (or a resourceVersion in the patch no longer matches: 409).</summary>
    public async Task<T?> MergePatchAsync<T>(string plural, string name, object patch)
        where T : class
    {
        try
        {
            var patched = await kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync<JsonElement>(
                new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch), Api.EcsApi.Group, Api.EcsApi.Version, @namespace, plural, name,
                fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return KubernetesJson.Deserialize<T>(patched.GetRawText());
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Translate(e, "patch", plural);
        }
    }

    /// <summary>Deletes the object (its children go by their owner references); false when it was gone.</summary>
    public async Task<bool> DeleteAsync(string plural, string name)
    {
        try
        {
            await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(
                Api.EcsApi.Group, Api.EcsApi.Version, @namespace, plural, name, propagationPolicy: "Background", cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw Translate(e, "delete", plural);
        }
    }

    /// <summary>A Kubernetes call of another API (pods, jobs, revisions) with the same error translation.</summary>
    public async Task<T> CallAsync<T>(string verb, string resource, Func<IKubernetes, CancellationToken, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call(kubernetes, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw Translate(e, verb, resource);
        }
    }

    /// <summary>The AWS error of an API server refusal.</summary>
    public EcsApiException Translate(HttpOperationException e, string verb, string resource)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = StatusMessage(e) ?? $"{verb} {resource} in namespace {@namespace}: HTTP {(int)e.Response.StatusCode}";
        return e.Response.StatusCode switch
        {
            HttpStatusCode.Forbidden => new EcsApiException(EcsErrorType.AccessDeniedException, message),
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => new EcsApiException(EcsErrorType.InvalidParameterException, message),
            HttpStatusCode.NotFound => new EcsApiException(EcsErrorType.ResourceNotFoundException, message),
            HttpStatusCode.Conflict => new EcsApiException(EcsErrorType.ClientException, message + " (changed concurrently; send the request again)"),
            HttpStatusCode.TooManyRequests => new EcsApiException(EcsErrorType.ThrottlingException, message),
            _ => new EcsApiException(EcsErrorType.ServerException, message),
        };
    }

    private static string? StatusMessage(HttpOperationException e)
    {
        try
        {
            return e.Response.Content is { Length: > 0 } content && JsonDocument.Parse(content).RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
