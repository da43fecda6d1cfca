using System.Text;
using EcsOnK8s.EcsProtocol.Auth;
using EcsOnK8s.EcsProtocol.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace EcsOnK8s.EcsProtocol.Tests.Auth;

public sealed class SigV4Tests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset SuiteDate = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    /// <summary>
    /// AWS's published SigV4 test suite (aws-sig-v4-test-suite: credentials AKIDEXAMPLE, 20150830T123600Z,
    /// us-east-1, service "service"): the signatures are the suite's; botocore's SigV4Auth computes the same ones.
    /// The last case is an ECS request as the AWS CLI sends it, signed by botocore.
    /// </summary>
    public static TheoryData<string, string, string, string, string, string, string, string, string> Vectors() => new()
    {
        { "get-vanilla", "GET", "/", "", "", "", "service", "us-east-1", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", "", "", "service", "us-east-1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "post-vanilla", "POST", "/", "", "", "", "service", "us-east-1", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "post-x-www-form-urlencoded", "POST", "/", "", "Content-Type:application/x-www-form-urlencoded", "Param1=value1", "service", "us-east-1", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
        { "get-header-value-trim", "GET", "/", "", "My-Header1:  value1  |My-Header2:\"a   b   c\"", "", "service", "us-east-1", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
        { "ecs-describe-services (botocore)", "POST", "/", "", "Content-Type:application/x-amz-json-1.1|X-Amz-Target:AmazonEC2ContainerServiceV20141113.DescribeServices", "{\"cluster\": \"default\", \"services\": [\"web\"]}", "ecs", "local", "153a71c671f6a77e453cec1d4749be5a0174c42b631d94c4b67ee222b6c27c42" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_TestSuiteVector_GivesThePublishedSignature(string name, string method, string path, string query, string headers, string body, string service, string region, string signature)
    {
        var host = name.StartsWith("ecs", StringComparison.Ordinal) ? "127.0.0.1:8444" : "example.amazonaws.com";
        var list = Headers(host, headers);
        SigV4.Sign(method, path, query, list, Encoding.UTF8.GetBytes(body), AccessKey, Secret, region, service, SuiteDate);
        var authorization = list.Single(h => h.Key == "Authorization").Value;
        Assert.EndsWith("Signature=" + signature, authorization, StringComparison.Ordinal);
        Assert.Contains($"Credential={AccessKey}/20150830/{region}/{service}/aws4_request", authorization, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_TestSuiteVector_Accepted(string name, string method, string path, string query, string headers, string body, string service, string region, string signature)
    {
        var host = name.StartsWith("ecs", StringComparison.Ordinal) ? "127.0.0.1:8444" : "example.amazonaws.com";
        var list = Headers(host, headers);
        SigV4.Sign(method, path, query, list, Encoding.UTF8.GetBytes(body), AccessKey, Secret, region, service, SuiteDate);
        Assert.Contains(list, h => h.Value.EndsWith(signature, StringComparison.Ordinal));
        var verifier = new SigV4Verifier(region, service, new FakeTimeProvider(SuiteDate.AddMinutes(4)));
        var key = verifier.Verify(new SigV4Request(method, path, query, list, Encoding.UTF8.GetBytes(body)), k => k == AccessKey ? Secret : null);
        Assert.Equal(AccessKey, key);
    }

    [Fact]
    public void Verify_BadRequests_RefusedWithAwsErrorTypes()
    {
        var body = Encoding.UTF8.GetBytes("{\"cluster\":\"default\"}");
        List<KeyValuePair<string, string>> Signed(string secret = Secret, string region = "local", string service = "ecs", DateTimeOffset? at = null)
        {
            var headers = Headers("127.0.0.1:8444", "X-Amz-Target:AmazonEC2ContainerServiceV20141113.ListServices");
            SigV4.Sign("POST", "/", "", headers, body, AccessKey, secret, region, service, at ?? SuiteDate);
            return headers;
        }

        List<KeyValuePair<string, string>> Replace(List<KeyValuePair<string, string>> headers, string name, string value) =>
            [.. headers.Where(h => h.Key != name), new(name, value)];

        var good = Signed();
        (string Case, List<KeyValuePair<string, string>> Headers, byte[] Body, EcsErrorType Type, string Message)[] cases =
        [
            ("no Authorization", [.. good.Where(h => h.Key != "Authorization")], body, EcsErrorType.MissingAuthenticationTokenException, "Missing Authentication Token"),
            ("not SigV4", Replace(good, "Authorization", "Bearer abc"), body, EcsErrorType.IncompleteSignatureException, "AWS4-HMAC-SHA256"),
            ("no signature", Replace(good, "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/local/ecs/aws4_request, SignedHeaders=host;x-amz-date"), body, EcsErrorType.IncompleteSignatureException, "Signature"),
            ("unknown key", Replace(good, "Authorization", good.Single(h => h.Key == "Authorization").Value.Replace("AKIDEXAMPLE", "AKIDOTHER", StringComparison.Ordinal)), body, EcsErrorType.UnrecognizedClientException, "security token included in the request is invalid"),
            ("wrong secret", Signed(secret: "other"), body, EcsErrorType.InvalidSignatureException, "does not match the signature you provided"),
            ("body changed", good, Encoding.UTF8.GetBytes("{\"cluster\":\"other\"}"), EcsErrorType.InvalidSignatureException, "does not match the signature you provided"),
            ("signed header changed", Replace(good, "X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DeleteCluster"), body, EcsErrorType.InvalidSignatureException, "does not match the signature you provided"),
            ("wrong region", Signed(region: "us-east-1"), body, EcsErrorType.InvalidSignatureException, "Credential should be scoped to a valid region"),
            ("wrong service", Signed(service: "s3"), body, EcsErrorType.InvalidSignatureException, "Credential should be scoped to correct service: 'ecs'"),
            ("6 min old", Signed(at: SuiteDate.AddMinutes(-6)), body, EcsErrorType.InvalidSignatureException, "Signature expired: 20150830T123000Z is now earlier than 20150830T123100Z (20150830T123600Z - 5 min.)"),
            ("6 min ahead", Signed(at: SuiteDate.AddMinutes(6)), body, EcsErrorType.InvalidSignatureException, "Signature not yet current"),
            ("no date", [.. good.Where(h => h.Key != SigV4.DateHeader)], body, EcsErrorType.IncompleteSignatureException, "X-Amz-Date"),
        ];
        var verifier = new SigV4Verifier("local", "ecs", new FakeTimeProvider(SuiteDate));
        foreach (var (name, headers, requestBody, type, message) in cases)
        {
            var e = Assert.Throws<EcsApiException>(() => verifier.Verify(new SigV4Request("POST", "/", "", headers, requestBody), k => k == AccessKey ? Secret : null));
            Assert.True(type == e.Type, $"{name}: {e.Type}: {e.Message}");
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
            Assert.Equal(type is EcsErrorType.UnrecognizedClientException or EcsErrorType.InvalidSignatureException or EcsErrorType.IncompleteSignatureException or EcsErrorType.MissingAuthenticationTokenException ? 403 : 400, e.StatusCode);
        }

        Assert.Equal(AccessKey, verifier.Verify(new SigV4Request("POST", "/", "", Signed(at: SuiteDate.AddMinutes(-4)), body), k => k == AccessKey ? Secret : null));
    }

    private static List<KeyValuePair<string, string>> Headers(string host, string headers)
    {
        var list = new List<KeyValuePair<string, string>> { new("Host", host) };
        foreach (var header in headers.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            list.Add(new(header[..colon], header[(colon + 1)..]));
        }

        return list;
    }
}
