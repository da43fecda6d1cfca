using System.Text.Json.Nodes;

namespace EcsOnK8s.Events.Tests.Input;

/// <summary>Events of EventBridge's documentation that the input tests transform.</summary>
internal static class SampleEvents
{
    /// <summary>The EC2 state-change event of EventBridge's input transformation examples.</summary>
    public const string Ec2StateChange = """
        {
          "version": "0",
          "id": "7bf73129-1428-4cd3-a780-95db273d1602",
          "detail-type": "EC2 Instance State-change Notification",
          "source": "aws.ec2",
          "account": "123456789012",
          "time": "2015-11-11T21:29:54Z",
          "region": "us-east-1",
          "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
          "detail": { "instance-id": "i-0123456789", "state": "RUNNING" }
        }
        """;

    /// <summary>An S3 "Object Created" event (EventBridge notifications of S3), with a key that needs escaping in JSON.</summary>
    public const string S3ObjectCreated = """
        {
          "version": "0",
          "id": "17793124-05d4-b198-2fde-7ededc63b103",
          "detail-type": "Object Created",
          "source": "aws.s3",
          "account": "111122223333",
          "time": "2021-11-12T00:00:00Z",
          "region": "ca-central-1",
          "resources": ["arn:aws:s3:::uploads"],
          "detail": {
            "version": "0",
            "bucket": { "name": "uploads" },
            "object": { "key": "incoming/2021/report \"Q3\".csv", "size": 5, "etag": "b1946ac92492d2347c6235b4d2611184", "sequencer": "617f08299329d189" },
            "request-id": "N4N7GDK58NMKJ12R",
            "requester": "111122223333",
            "source-ip-address": "1.2.3.4",
            "reason": "PutObject"
          }
        }
        """;

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
