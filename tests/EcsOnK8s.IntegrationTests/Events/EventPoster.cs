using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>A ServiceAccount allowed to post events to a namespace, and posts with its token.</summary>
internal static class EventPoster
{
    /// <summary>A token of the ServiceAccount <c>poster</c> of <paramref name="ns"/>, granted the right to post there unless <paramref name="grant"/> is false.</summary>
    public static async Task<string> TokenAsync(IKubernetes client, string ns, bool grant = true)
    {
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "poster" } }, ns);
        if (grant)
        {
            await GrantAsync(client, ns);
        }

        // The TokenRequest API: the local control plane runs no token controller to fill a token Secret.
        var token = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } }, "poster", ns);
        return token.Status.Token;
    }

    private static async Task GrantAsync(IKubernetes client, string ns)
    {
        await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(
            new V1Role
            {
                Metadata = new V1ObjectMeta { Name = "event-poster" },
                Rules = [new V1PolicyRule { ApiGroups = [EcsApi.Group], Resources = [EcsEventRule.Plural + "/events"], Verbs = ["create"] }],
            },
            ns);
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "event-poster" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "event-poster" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "poster", NamespaceProperty = ns }],
            },
            ns);
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(
        HttpClient http, Uri endpoint, string ns, string operation, string body, string token, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, $"/namespaces/{ns}/{operation}"))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}
