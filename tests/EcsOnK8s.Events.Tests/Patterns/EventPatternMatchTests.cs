using System.Text.Json;
using EcsOnK8s.Events.Patterns;

namespace EcsOnK8s.Events.Tests.Patterns;

/// <summary>
/// The matcher against EventBridge's documented examples (the user guide's "Creating event patterns", "Matching
/// events on event field values", "Arrays in event patterns" and "Content filtering" pages), operator by operator,
/// each with events that must and must not match.
/// </summary>
public sealed class EventPatternMatchTests
{
    // The user guide's EC2 state-change event; Detail(...) swaps in the detail each example needs.
    private const string Ec2Event = """
        {
          "version": "0",
          "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
          "detail-type": "EC2 Instance State-change Notification",
          "source": "aws.ec2",
          "account": "111122223333",
          "time": "2017-12-22T18:43:48Z",
          "region": "us-west-1",
          "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
          "detail": { "instance-id": "i-1234567890abcdef0", "state": "terminated" }
        }
        """;

    private static string Detail(string detail) => $$"""
        { "version": "0", "id": "1", "detail-type": "Example", "source": "com.example", "account": "111122223333",
          "time": "2017-10-02T18:43:48Z", "region": "us-east-1", "resources": [], "detail": {{detail}} }
        """;

    public static TheoryData<string, string, string, bool> Cases() => new()
    {
        // Field and value matching (OR within a list, AND across fields).
        { "ec2 terminated", """{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["terminated"]}}""", Ec2Event, true },
        { "ec2 running", """{"source":["aws.ec2"],"detail":{"state":["running"]}}""", Ec2Event, false },
        { "source or", """{"source":["aws.ec2","aws.fargate"]}""", Ec2Event, true },
        { "source none of", """{"source":["aws.s3","aws.fargate"]}""", Ec2Event, false },
        { "and one fails", """{"source":["aws.ec2"],"region":["eu-west-1"]}""", Ec2Event, false },
        { "and all hold", """{"source":["aws.ec2"],"region":["us-west-1"],"account":["111122223333"]}""", Ec2Event, true },
        { "state or", """{"detail":{"state":["pending","terminated"]}}""", Ec2Event, true },
        { "case sensitive", """{"source":["AWS.EC2"]}""", Ec2Event, false },
        { "missing field", """{"detail":{"missing":["x"]}}""", Ec2Event, false },
        { "missing object", """{"nothing":{"state":["terminated"]}}""", Ec2Event, false },
        { "string not number", """{"account":[111122223333]}""", Ec2Event, false },
        { "substring no", """{"source":["aws"]}""", Ec2Event, false },
        { "null matches null", """{"detail":{"responseElements":[null]}}""", Detail("""{"eventVersion":"","responseElements":null}"""), true },
        { "null not missing", """{"detail":{"responseElements":[null]}}""", Detail("""{"eventVersion":""}"""), false },
        { "null not string", """{"detail":{"responseElements":[null]}}""", Detail("""{"responseElements":"null"}"""), false },
        { "empty string", """{"detail":{"eventVersion":[""]}}""", Detail("""{"eventVersion":"","responseElements":null}"""), true },
        { "empty string not null", """{"detail":{"responseElements":[""]}}""", Detail("""{"responseElements":null}"""), false },
        { "empty string not missing", """{"detail":{"eventVersion":[""]}}""", Detail("""{"other":""}"""), false },
        { "true", """{"detail":{"enabled":[true]}}""", Detail("""{"enabled":true}"""), true },
        { "true not false", """{"detail":{"enabled":[true]}}""", Detail("""{"enabled":false}"""), false },
        { "false", """{"detail":{"enabled":[false]}}""", Detail("""{"enabled":false}"""), true },
        { "true not string", """{"detail":{"enabled":[true]}}""", Detail("""{"enabled":"true"}"""), false },
        { "number", """{"detail":{"severity":{"score":[1]},"count":[2]}}""", Detail("""{"severity":{"score":1,"description":"Low"},"count":2}"""), true },
        { "number by value", """{"detail":{"count":[300]}}""", Detail("""{"count":300.0}"""), true },
        { "number exponent", """{"detail":{"count":[3.0e2]}}""", Detail("""{"count":300}"""), true },
        { "number differs", """{"detail":{"count":[300]}}""", Detail("""{"count":301}"""), false },
        { "number not string", """{"detail":{"count":[300]}}""", Detail("""{"count":"300"}"""), false },
        { "escaped string", """{"detail":{"path":["a\"b\\c"]}}""", Detail("""{"path":"a\u0022b\\c"}"""), true },
        { "unicode string", """{"detail":{"city":["Zürich"]}}""", Detail("""{"city":"Z\u00fcrich"}"""), true },
        { "mixed list", """{"detail":{"v":["a",1,true,null]}}""", Detail("""{"v":null}"""), true },

        // Arrays in events: a match when the pattern's values and the event's array share an element.
        { "resources any", """{"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f","arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"]}""", Ec2Event, true },
        { "resources none", """{"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}""", Ec2Event, false },
        { "array event any", """{"detail":{"tags":["blue"]}}""", Detail("""{"tags":["red","blue"]}"""), true },
        { "array event none", """{"detail":{"tags":["green"]}}""", Detail("""{"tags":["red","blue"]}"""), false },
        { "empty array event", """{"detail":{"tags":["red"]}}""", Detail("""{"tags":[]}"""), false },
        { "array of numbers", """{"detail":{"codes":[{"numeric":[">=",500]}]}}""", Detail("""{"codes":[200,503]}"""), true },
        { "nested array leaves", """{"detail":{"m":["x"]}}""", Detail("""{"m":[["a"],["x"]]}"""), true },
        { "array of objects", """{"detail":{"containers":{"exitCode":[1]}}}""", Detail("""{"containers":[{"name":"a","exitCode":0},{"name":"b","exitCode":1}]}"""), true },
        { "array of objects none", """{"detail":{"containers":{"exitCode":[2]}}}""", Detail("""{"containers":[{"name":"a","exitCode":0},{"name":"b","exitCode":1}]}"""), false },
        { "array objects same element", """{"detail":{"containers":{"name":["a"],"exitCode":[0]}}}""", Detail("""{"containers":[{"name":"a","exitCode":0},{"name":"b","exitCode":1}]}"""), true },
        { "array objects not across elements", """{"detail":{"containers":{"name":["a"],"exitCode":[1]}}}""", Detail("""{"containers":[{"name":"a","exitCode":0},{"name":"b","exitCode":1}]}"""), false },
        { "pattern object vs leaf", """{"detail":{"state":{"name":["terminated"]}}}""", Ec2Event, false },
        { "pattern leaf vs object", """{"detail":["terminated"]}""", Ec2Event, false },

        // Nesting.
        { "deep nesting", """{"detail":{"a":{"b":{"c":["d"]}}}}""", Detail("""{"a":{"b":{"c":"d"}}}"""), true },
        { "deep nesting wrong", """{"detail":{"a":{"b":{"c":["e"]}}}}""", Detail("""{"a":{"b":{"c":"d"}}}"""), false },
        { "deep nesting short", """{"detail":{"a":{"b":{"c":["d"]}}}}""", Detail("""{"a":{"b":"c"}}"""), false },
        { "field names with dots", """{"detail":{"a.b":["x"]}}""", Detail("""{"a.b":"x"}"""), true },

        // prefix
        { "prefix time", """{"time":[{"prefix":"2017-10-02"}]}""", Detail("{}"), true },
        { "prefix time no", """{"time":[{"prefix":"2017-10-03"}]}""", Detail("{}"), false },
        { "prefix region", """{"region":[{"prefix":"us-"}]}""", Ec2Event, true },
        { "prefix case sensitive", """{"region":[{"prefix":"US-"}]}""", Ec2Event, false },
        { "prefix whole value", """{"source":[{"prefix":"aws.ec2"}]}""", Ec2Event, true },
        { "prefix longer than value", """{"source":[{"prefix":"aws.ec2x"}]}""", Ec2Event, false },
        { "prefix empty", """{"source":[{"prefix":""}]}""", Ec2Event, true },
        { "prefix not numbers", """{"detail":{"n":[{"prefix":"12"}]}}""", Detail("""{"n":123}"""), false },
        { "prefix in array", """{"resources":[{"prefix":"arn:aws:ec2:us-west-1"}]}""", Ec2Event, true },
        { "prefix ignore case", """{"detail":{"service":[{"prefix":{"equals-ignore-case":"EventB"}}]}}""", Detail("""{"service":"eventbridge"}"""), true },
        { "prefix ignore case upper", """{"detail":{"service":[{"prefix":{"equals-ignore-case":"EventB"}}]}}""", Detail("""{"service":"EVENTBRIDGE"}"""), true },
        { "prefix ignore case no", """{"detail":{"service":[{"prefix":{"equals-ignore-case":"EventB"}}]}}""", Detail("""{"service":"sns"}"""), false },
        { "prefix ignore case non-ascii", """{"detail":{"city":[{"prefix":{"equals-ignore-case":"ZÜR"}}]}}""", Detail("""{"city":"zürich"}"""), true },

        // suffix
        { "suffix png", """{"detail":{"FileName":[{"suffix":".png"}]}}""", Detail("""{"FileName":"image.png"}"""), true },
        { "suffix png no", """{"detail":{"FileName":[{"suffix":".png"}]}}""", Detail("""{"FileName":"image.jpg"}"""), false },
        { "suffix case sensitive", """{"detail":{"FileName":[{"suffix":".png"}]}}""", Detail("""{"FileName":"image.PNG"}"""), false },
        { "suffix ignore case", """{"detail":{"FileName":[{"suffix":{"equals-ignore-case":".png"}}]}}""", Detail("""{"FileName":"image.PNG"}"""), true },
        { "suffix ignore case no", """{"detail":{"FileName":[{"suffix":{"equals-ignore-case":".png"}}]}}""", Detail("""{"FileName":"image.gif"}"""), false },
        { "suffix tbridge", """{"detail":{"service":[{"suffix":{"equals-ignore-case":"tbridge"}}]}}""", Detail("""{"service":"EvenTBridge"}"""), true },
        { "suffix in array", """{"detail":{"files":[{"suffix":".csv"}]}}""", Detail("""{"files":["a.txt","b.csv"]}"""), true },

        // equals-ignore-case
        { "ignore case alice", """{"detail":{"Name":[{"equals-ignore-case":"alice"}]}}""", Detail("""{"Name":"Alice"}"""), true },
        { "ignore case ALICE", """{"detail":{"Name":[{"equals-ignore-case":"alice"}]}}""", Detail("""{"Name":"ALICE"}"""), true },
        { "ignore case not prefix", """{"detail":{"Name":[{"equals-ignore-case":"alice"}]}}""", Detail("""{"Name":"Alice Smith"}"""), false },
        { "ignore case non-ascii", """{"detail":{"Name":[{"equals-ignore-case":"ÉLODIE"}]}}""", Detail("""{"Name":"élodie"}"""), true },
        { "ignore case not number", """{"detail":{"Name":[{"equals-ignore-case":"1"}]}}""", Detail("""{"Name":1}"""), false },
        { "ignore case detail-type", """{"detail-type":[{"equals-ignore-case":"ec2 instance state-change notification"}]}""", Ec2Event, true },

        // anything-but
        { "anything-but string", """{"detail":{"state":[{"anything-but":"initializing"}]}}""", Detail("""{"state":"running"}"""), true },
        { "anything-but string same", """{"detail":{"state":[{"anything-but":"initializing"}]}}""", Detail("""{"state":"initializing"}"""), false },
        { "anything-but missing", """{"detail":{"state":[{"anything-but":"initializing"}]}}""", Detail("{}"), false },
        { "anything-but number", """{"detail":{"x-limit":[{"anything-but":123}]}}""", Detail("""{"x-limit":124}"""), true },
        { "anything-but number same", """{"detail":{"x-limit":[{"anything-but":123}]}}""", Detail("""{"x-limit":123.0}"""), false },
        { "anything-but number vs string", """{"detail":{"x-limit":[{"anything-but":123}]}}""", Detail("""{"x-limit":"123"}"""), true },
        { "anything-but list", """{"detail":{"state":[{"anything-but":["stopped","overloaded"]}]}}""", Detail("""{"state":"running"}"""), true },
        { "anything-but list hit", """{"detail":{"state":[{"anything-but":["stopped","overloaded"]}]}}""", Detail("""{"state":"overloaded"}"""), false },
        { "anything-but number list", """{"detail":{"x-limit":[{"anything-but":[100,200,300]}]}}""", Detail("""{"x-limit":250}"""), true },
        { "anything-but number list hit", """{"detail":{"x-limit":[{"anything-but":[100,200,300]}]}}""", Detail("""{"x-limit":200}"""), false },
        { "anything-but prefix", """{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}""", Detail("""{"state":"running"}"""), true },
        { "anything-but prefix hit", """{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}""", Detail("""{"state":"initializing"}"""), false },
        { "anything-but prefix region", """{"region":[{"anything-but":{"prefix":"us-"}}]}""", Ec2Event, false },
        { "anything-but suffix", """{"detail":{"FileName":[{"anything-but":{"suffix":".png"}}]}}""", Detail("""{"FileName":"a.txt"}"""), true },
        { "anything-but suffix hit", """{"detail":{"FileName":[{"anything-but":{"suffix":".png"}}]}}""", Detail("""{"FileName":"a.png"}"""), false },
        { "anything-but ignore case", """{"detail":{"state":[{"anything-but":{"equals-ignore-case":"initializing"}}]}}""", Detail("""{"state":"INITIALIZING"}"""), false },
        { "anything-but ignore case other", """{"detail":{"state":[{"anything-but":{"equals-ignore-case":"initializing"}}]}}""", Detail("""{"state":"running"}"""), true },
        { "anything-but ignore case list", """{"detail":{"state":[{"anything-but":{"equals-ignore-case":["initializing","stopped"]}}]}}""", Detail("""{"state":"Stopped"}"""), false },
        { "anything-but wildcard", """{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/lib/*"}}]}}""", Detail("""{"FilePath":"/usr/bin/ls"}"""), true },
        { "anything-but wildcard hit", """{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/lib/*"}}]}}""", Detail("""{"FilePath":"/usr/lib/libc.so"}"""), false },
        { "anything-but wildcard list", """{"detail":{"FilePath":[{"anything-but":{"wildcard":["*/lib/*","*/bin/*"]}}]}}""", Detail("""{"FilePath":"/usr/bin/ls"}"""), false },
        { "anything-but array any element", """{"detail":{"tags":[{"anything-but":"red"}]}}""", Detail("""{"tags":["red","blue"]}"""), true },
        { "anything-but array all excluded", """{"detail":{"tags":[{"anything-but":"red"}]}}""", Detail("""{"tags":["red","red"]}"""), false },
        { "anything-but null value", """{"detail":{"state":[{"anything-but":"x"}]}}""", Detail("""{"state":null}"""), true },

        // numeric
        { "numeric range", """{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}]}}""", Detail("""{"c-count":5}"""), true },
        { "numeric range low edge", """{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}]}}""", Detail("""{"c-count":0}"""), false },
        { "numeric range high", """{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}]}}""", Detail("""{"c-count":5.1}"""), false },
        { "numeric less", """{"detail":{"d-count":[{"numeric":["<",10]}]}}""", Detail("""{"d-count":9.999}"""), true },
        { "numeric less edge", """{"detail":{"d-count":[{"numeric":["<",10]}]}}""", Detail("""{"d-count":10}"""), false },
        { "numeric equals", """{"detail":{"x-limit":[{"numeric":["=",3.018e2]}]}}""", Detail("""{"x-limit":301.8}"""), true },
        { "numeric equals no", """{"detail":{"x-limit":[{"numeric":["=",3.018e2]}]}}""", Detail("""{"x-limit":301.9}"""), false },
        { "numeric ge", """{"detail":{"n":[{"numeric":[">=",-5]}]}}""", Detail("""{"n":-5}"""), true },
        { "numeric le", """{"detail":{"n":[{"numeric":["<=",-5]}]}}""", Detail("""{"n":-4.5}"""), false },
        { "numeric not string", """{"detail":{"n":[{"numeric":[">",0]}]}}""", Detail("""{"n":"5"}"""), false },
        { "numeric closed range", """{"detail":{"n":[{"numeric":[">=",1,"<",2]}]}}""", Detail("""{"n":1}"""), true },
        { "numeric in array", """{"detail":{"n":[{"numeric":[">",100]}]}}""", Detail("""{"n":[1,2,101]}"""), true },
        { "numeric three ranges", """{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}],"d-count":[{"numeric":["<",10]}],"x-limit":[{"numeric":["=",3.018e2]}]}}""", Detail("""{"c-count":3,"d-count":7,"x-limit":301.8}"""), true },

        // exists (leaf nodes)
        { "exists true", """{"detail":{"state":[{"exists":true}]}}""", Ec2Event, true },
        { "exists true missing", """{"detail":{"state":[{"exists":true}]}}""", Detail("{}"), false },
        { "exists false", """{"detail":{"c-count":[{"exists":false}]}}""", Ec2Event, true },
        { "exists false present", """{"detail":{"state":[{"exists":false}]}}""", Ec2Event, false },
        { "exists true null", """{"detail":{"state":[{"exists":true}]}}""", Detail("""{"state":null}"""), true },
        { "exists true object", """{"detail":[{"exists":true}]}""", Ec2Event, false },
        { "exists false object", """{"detail":[{"exists":false}]}""", Ec2Event, true },
        { "exists true empty array", """{"detail":{"tags":[{"exists":true}]}}""", Detail("""{"tags":[]}"""), false },
        { "exists false empty array", """{"detail":{"tags":[{"exists":false}]}}""", Detail("""{"tags":[]}"""), true },
        { "exists false parent missing", """{"detail":{"a":{"b":[{"exists":false}]}}}""", Detail("{}"), true },
        { "exists true parent missing", """{"detail":{"a":{"b":[{"exists":true}]}}}""", Detail("{}"), false },
        { "exists false or value", """{"detail":{"state":["running",{"exists":false}]}}""", Detail("{}"), true },
        { "exists false or value present", """{"detail":{"state":["running",{"exists":false}]}}""", Detail("""{"state":"running"}"""), true },
        { "exists false or value other", """{"detail":{"state":["running",{"exists":false}]}}""", Detail("""{"state":"stopped"}"""), false },

        // cidr
        { "cidr v4", """{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}""", Detail("""{"sourceIPAddress":"10.0.0.255"}"""), true },
        { "cidr v4 outside", """{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}""", Detail("""{"sourceIPAddress":"10.0.1.0"}"""), false },
        { "cidr v4 odd prefix", """{"detail":{"ip":[{"cidr":"192.168.0.0/20"}]}}""", Detail("""{"ip":"192.168.15.1"}"""), true },
        { "cidr v4 odd prefix outside", """{"detail":{"ip":[{"cidr":"192.168.0.0/20"}]}}""", Detail("""{"ip":"192.168.16.1"}"""), false },
        { "cidr v4 /32", """{"detail":{"ip":[{"cidr":"203.0.113.7/32"}]}}""", Detail("""{"ip":"203.0.113.7"}"""), true },
        { "cidr v4 /0", """{"detail":{"ip":[{"cidr":"0.0.0.0/0"}]}}""", Detail("""{"ip":"8.8.8.8"}"""), true },
        { "cidr v6", """{"detail":{"sourceIPAddress":[{"cidr":"bc2c:1:0:42::/64"}]}}""", Detail("""{"sourceIPAddress":"bc2c:1:0:42:abcd::1"}"""), true },
        { "cidr v6 outside", """{"detail":{"sourceIPAddress":[{"cidr":"bc2c:1:0:42::/64"}]}}""", Detail("""{"sourceIPAddress":"bc2c:1:0:43::1"}"""), false },
        { "cidr family differs", """{"detail":{"ip":[{"cidr":"10.0.0.0/8"}]}}""", Detail("""{"ip":"::ffff:10.0.0.1"}"""), false },
        { "cidr not an address", """{"detail":{"ip":[{"cidr":"10.0.0.0/8"}]}}""", Detail("""{"ip":"10"}"""), false },
        { "cidr not a string", """{"detail":{"ip":[{"cidr":"10.0.0.0/8"}]}}""", Detail("""{"ip":10}"""), false },
        { "cidr in array", """{"detail":{"ips":[{"cidr":"10.0.0.0/8"}]}}""", Detail("""{"ips":["192.168.0.1","10.1.2.3"]}"""), true },

        // wildcard
        { "wildcard png", """{"detail":{"FileName":[{"wildcard":"dir/*.png"}]}}""", Detail("""{"FileName":"dir/image.png"}"""), true },
        { "wildcard png other dir", """{"detail":{"FileName":[{"wildcard":"dir/*.png"}]}}""", Detail("""{"FileName":"other/image.png"}"""), false },
        { "wildcard spans slashes", """{"detail":{"FileName":[{"wildcard":"dir/*.png"}]}}""", Detail("""{"FileName":"dir/a/b.png"}"""), true },
        { "wildcard two stars", """{"detail":{"FileName":[{"wildcard":"dir/*/*.png"}]}}""", Detail("""{"FileName":"dir/sub/a.png"}"""), true },
        { "wildcard two stars no", """{"detail":{"FileName":[{"wildcard":"dir/*/*.png"}]}}""", Detail("""{"FileName":"dir/a.png"}"""), false },
        { "wildcard arn", """{"detail":{"EventBusArn":[{"wildcard":"arn:aws:events:us-east-1:*:event-bus/*"}]}}""", Detail("""{"EventBusArn":"arn:aws:events:us-east-1:123456789012:event-bus/default"}"""), true },
        { "wildcard arn region", """{"detail":{"EventBusArn":[{"wildcard":"arn:aws:events:us-east-1:*:event-bus/*"}]}}""", Detail("""{"EventBusArn":"arn:aws:events:eu-west-1:123456789012:event-bus/default"}"""), false },
        { "wildcard empty run", """{"detail":{"s":[{"wildcard":"ab*cd"}]}}""", Detail("""{"s":"abcd"}"""), true },
        { "wildcard no overlap", """{"detail":{"s":[{"wildcard":"ab*ba"}]}}""", Detail("""{"s":"aba"}"""), false },
        { "wildcard star only", """{"detail":{"s":[{"wildcard":"*"}]}}""", Detail("""{"s":""}"""), true },
        { "wildcard no star exact", """{"detail":{"s":[{"wildcard":"abc"}]}}""", Detail("""{"s":"abcd"}"""), false },
        { "wildcard escaped star", """{"detail":{"s":[{"wildcard":"a\\*b"}]}}""", Detail("""{"s":"a*b"}"""), true },
        { "wildcard escaped star literal", """{"detail":{"s":[{"wildcard":"a\\*b"}]}}""", Detail("""{"s":"axxb"}"""), false },
        { "wildcard case sensitive", """{"detail":{"s":[{"wildcard":"*.PNG"}]}}""", Detail("""{"s":"a.png"}"""), false },
        { "wildcard not number", """{"detail":{"s":[{"wildcard":"1*"}]}}""", Detail("""{"s":12}"""), false },
        { "wildcard repeated piece", """{"detail":{"s":[{"wildcard":"*a*a*a"}]}}""", Detail("""{"s":"banana"}"""), true },

        // $or
        { "or top", """{"$or":[{"source":["aws.s3"]},{"detail-type":["EC2 Instance State-change Notification"]}]}""", Ec2Event, true },
        { "or top none", """{"$or":[{"source":["aws.s3"]},{"region":["eu-west-1"]}]}""", Ec2Event, false },
        { "or and field", """{"source":["aws.ec2"],"$or":[{"region":["eu-west-1"]},{"detail":{"state":["terminated"]}}]}""", Ec2Event, true },
        { "or and field fails", """{"source":["aws.s3"],"$or":[{"region":["us-west-1"]},{"detail":{"state":["terminated"]}}]}""", Ec2Event, false },
        { "or numeric doc", """{"detail":{"$or":[{"c-count":[{"numeric":[">",0,"<=",5]}]},{"d-count":[{"numeric":["<",10]}]},{"x-limit":[{"numeric":["=",3.018e2]}]}]}}""", Detail("""{"c-count":50,"d-count":50,"x-limit":301.8}"""), true },
        { "or numeric doc none", """{"detail":{"$or":[{"c-count":[{"numeric":[">",0,"<=",5]}]},{"d-count":[{"numeric":["<",10]}]},{"x-limit":[{"numeric":["=",3.018e2]}]}]}}""", Detail("""{"c-count":50,"d-count":50,"x-limit":1}"""), false },
        { "or nested", """{"source":["com.example"],"$or":[{"detail":{"a":["1"]}},{"$or":[{"detail":{"b":["2"]}},{"detail":{"c":["3"]}}]}]}""", Detail("""{"c":"3"}"""), true },
        { "or nested none", """{"source":["com.example"],"$or":[{"detail":{"a":["1"]}},{"$or":[{"detail":{"b":["2"]}},{"detail":{"c":["3"]}}]}]}""", Detail("""{"c":"4"}"""), false },
        { "or exists false", """{"detail":{"$or":[{"a":[{"exists":false}]},{"a":["x"]}]}}""", Detail("""{"a":"x"}"""), true },
        { "or exists false other", """{"detail":{"$or":[{"a":[{"exists":false}]},{"a":["x"]}]}}""", Detail("""{"a":"y"}"""), false },
        { "field named or-like", """{"detail":{"or":["x"]}}""", Detail("""{"or":"x"}"""), true },

        // Realistic ECS and S3 patterns.
        { "ecs stopped essential", """{"source":["aws.ecs"],"detail-type":["ECS Task State Change"],"detail":{"lastStatus":["STOPPED"],"stopCode":["EssentialContainerExited"],"containers":{"exitCode":[{"anything-but":0}]}}}""",
          """{"source":"aws.ecs","detail-type":"ECS Task State Change","detail":{"lastStatus":"STOPPED","stopCode":"EssentialContainerExited","containers":[{"name":"app","exitCode":137}]}}""", true },
        { "ecs stopped exit 0", """{"source":["aws.ecs"],"detail-type":["ECS Task State Change"],"detail":{"lastStatus":["STOPPED"],"containers":{"exitCode":[{"anything-but":0}]}}}""",
          """{"source":"aws.ecs","detail-type":"ECS Task State Change","detail":{"lastStatus":"STOPPED","containers":[{"name":"app","exitCode":0}]}}""", false },
        { "s3 object created", """{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["uploads"]},"object":{"key":[{"prefix":"incoming/"}],"size":[{"numeric":[">",0]}]}}}""",
          """{"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"uploads"},"object":{"key":"incoming/a.csv","size":10}}}""", true },
        { "s3 empty object", """{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["uploads"]},"object":{"key":[{"prefix":"incoming/"}],"size":[{"numeric":[">",0]}]}}}""",
          """{"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"uploads"},"object":{"key":"incoming/a.csv","size":0}}}""", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_DocumentedExamples_AsEventBridge(string name, string pattern, string @event, bool expected)
    {
        var parsed = EventPattern.Parse(pattern);
        Assert.True(parsed.Error is null, $"{name}: {parsed.Error}");
        using var document = JsonDocument.Parse(@event);

        Assert.Equal(expected, parsed.Pattern!.Matches(document));
    }

    [Fact]
    public void Cases_AtLeastAHundred()
    {
        Assert.True(Cases().Count >= 100, $"{Cases().Count} cases");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"aws.ec2\"")]
    [InlineData("42")]
    public void Matches_EventNotAnObject_False(string @event)
    {
        var pattern = EventPattern.Parse("""{"source":[{"exists":false}]}""").Pattern!;
        using var document = JsonDocument.Parse(@event);

        Assert.False(pattern.Matches(document));
    }

    // A typical event allocates nothing per match (after the first call has compiled everything).
    [Fact]
    public void Matches_TypicalEvent_AllocatesNothing()
    {
        var pattern = EventPattern.Parse("""
            {"source":["aws.ecs"],"detail-type":["ECS Task State Change"],
             "detail":{"lastStatus":["STOPPED"],"group":[{"prefix":"service:"}],"clusterArn":[{"wildcard":"arn:aws:ecs:*:cluster/prod-*"}],
                       "stoppedReason":[{"anything-but":{"equals-ignore-case":"scaling activity initiated by (deployment)"}}],
                       "containers":{"exitCode":[{"numeric":[">",0]}]}}}
            """).Pattern!;
        using var document = JsonDocument.Parse("""
            {"version":"0","id":"e1","detail-type":"ECS Task State Change","source":"aws.ecs","account":"123456789012",
             "time":"2026-12-07T00:00:00Z","region":"us-east-1","resources":["arn:aws:ecs:us-east-1:123456789012:task/prod-a/1"],
             "detail":{"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/prod-a","group":"service:web","lastStatus":"STOPPED",
                       "stoppedReason":"Essential container in task exited","containers":[{"name":"web","exitCode":0},{"name":"side","exitCode":2}]}}
            """);
        Assert.True(pattern.Matches(document));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            pattern.Matches(document);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
