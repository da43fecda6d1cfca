using System.Text.Json.Nodes;
using EcsOnK8s.Events.Patterns;

namespace EcsOnK8s.Events.Tests.Patterns;

/// <summary>Patterns EventBridge refuses: each with the JSON path of the offending part and a word of the reason.</summary>
public sealed class EventPatternParseTests
{
    [Theory]
    [InlineData("", "$", "not valid JSON")]
    [InlineData("{\"source\": [\"a\"", "$", "not valid JSON")]
    [InlineData("[]", "$", "must be a JSON object")]
    [InlineData("\"aws.ec2\"", "$", "must be a JSON object")]
    [InlineData("null", "$", "must be a JSON object")]
    [InlineData("{}", "$", "empty object")]
    [InlineData("""{"source":"aws.ec2"}""", "$.source", "must be an array")]
    [InlineData("""{"detail":{"count":5}}""", "$.detail.count", "must be an array")]
    [InlineData("""{"source":[]}""", "$.source", "empty array")]
    [InlineData("""{"detail":{}}""", "$.detail", "empty object")]
    [InlineData("""{"source":["a"],"source":["b"]}""", "$.source", "given twice")]
    [InlineData("""{"source":[["a"]]}""", "$.source[0]", "another array")]
    [InlineData("""{"source":[{}]}""", "$.source[0]", "empty object is not an operator")]
    [InlineData("""{"source":[{"prefix":"a","suffix":"b"}]}""", "$.source[0]", "exactly one operator")]
    [InlineData("""{"source":[{"contains":"a"}]}""", "$.source[0].contains", "unknown operator 'contains'")]
    [InlineData("""{"source":[{"Prefix":"a"}]}""", "$.source[0].Prefix", "unknown operator")]
    [InlineData("""{"source":[{"prefix":5}]}""", "$.source[0].prefix", "prefix takes a string")]
    [InlineData("""{"source":[{"prefix":{"equals-ignore-case":5}}]}""", "$.source[0].prefix.equals-ignore-case", "takes a string")]
    [InlineData("""{"source":[{"prefix":{"wildcard":"a*"}}]}""", "$.source[0].prefix", "prefix takes a string or")]
    [InlineData("""{"source":[{"suffix":["a"]}]}""", "$.source[0].suffix", "suffix takes a string")]
    [InlineData("""{"source":[{"equals-ignore-case":["a"]}]}""", "$.source[0].equals-ignore-case", "takes a string")]
    [InlineData("""{"detail":{"size":[{"numeric":[">",0,"<"]}]}}""", "$.detail.size[0].numeric", "numeric range malformed")]
    [InlineData("""{"detail":{"size":[{"numeric":5}]}}""", "$.detail.size[0].numeric", "numeric range malformed")]
    [InlineData("""{"detail":{"size":[{"numeric":["~",5]}]}}""", "$.detail.size[0].numeric[0]", "expected an operator")]
    [InlineData("""{"detail":{"size":[{"numeric":[">","5"]}]}}""", "$.detail.size[0].numeric[1]", "expected a number")]
    [InlineData("""{"detail":{"size":[{"numeric":["<",0,">",5]}]}}""", "$.detail.size[0].numeric[0]", "lower bound")]
    [InlineData("""{"detail":{"size":[{"numeric":[">",0,">",5]}]}}""", "$.detail.size[0].numeric[2]", "upper bound")]
    [InlineData("""{"detail":{"size":[{"numeric":[">",5,"<",1]}]}}""", "$.detail.size[0].numeric", "no number is")]
    [InlineData("""{"detail":{"size":[{"numeric":[">",5,"<=",5]}]}}""", "$.detail.size[0].numeric", "no number is")]
    [InlineData("""{"detail":{"size":[{"numeric":["=",5,"<",6]}]}}""", "$.detail.size[0].numeric[0]", "lower bound")]
    [InlineData("""{"detail":{"size":[{"numeric":[">",6e9]}]}}""", "$.detail.size[0].numeric[1]", "outside")]
    [InlineData("""{"detail":{"state":[{"exists":"true"}]}}""", "$.detail.state[0].exists", "true or false")]
    [InlineData("""{"detail":{"state":[{"exists":[true]}]}}""", "$.detail.state[0].exists", "true or false")]
    [InlineData("""{"detail":{"exists":true}}""", "$.detail.exists", "must be an array")]
    [InlineData("""{"ip":[{"cidr":"10.0.0.0"}]}""", "$.ip[0].cidr", "invalid CIDR")]
    [InlineData("""{"ip":[{"cidr":"10.0.0/24"}]}""", "$.ip[0].cidr", "invalid CIDR")]
    [InlineData("""{"ip":[{"cidr":"10.0.0.256/24"}]}""", "$.ip[0].cidr", "invalid CIDR")]
    [InlineData("""{"ip":[{"cidr":"10.0.0.0/33"}]}""", "$.ip[0].cidr", "from 0 to 32")]
    [InlineData("""{"ip":[{"cidr":"2001:db8::/129"}]}""", "$.ip[0].cidr", "from 0 to 128")]
    [InlineData("""{"ip":[{"cidr":"2001:zz8::/64"}]}""", "$.ip[0].cidr", "invalid CIDR")]
    [InlineData("""{"ip":[{"cidr":"10.0.0.0/-1"}]}""", "$.ip[0].cidr", "prefix length")]
    [InlineData("""{"ip":[{"cidr":10}]}""", "$.ip[0].cidr", "cidr takes a string")]
    [InlineData("""{"f":[{"wildcard":"a**b"}]}""", "$.f[0].wildcard", "'**'")]
    [InlineData("""{"f":[{"wildcard":"a\\b"}]}""", "$.f[0].wildcard", "backslash")]
    [InlineData("""{"f":[{"wildcard":"a\\"}]}""", "$.f[0].wildcard", "backslash")]
    [InlineData("""{"f":[{"wildcard":["a*"]}]}""", "$.f[0].wildcard", "wildcard takes a string")]
    [InlineData("""{"f":[{"anything-but":[]}]}""", "$.f[0].anything-but", "at least one")]
    [InlineData("""{"f":[{"anything-but":["a",1]}]}""", "$.f[0].anything-but[1]", "only strings or only numbers")]
    [InlineData("""{"f":[{"anything-but":[true]}]}""", "$.f[0].anything-but[0]", "only strings or only numbers")]
    [InlineData("""{"f":[{"anything-but":null}]}""", "$.f[0].anything-but", "anything-but takes")]
    [InlineData("""{"f":[{"anything-but":{"numeric":[">",1]}}]}""", "$.f[0].anything-but.numeric", "does not take 'numeric'")]
    [InlineData("""{"f":[{"anything-but":{"prefix":"a","suffix":"b"}}]}""", "$.f[0].anything-but", "exactly one")]
    [InlineData("""{"f":[{"anything-but":{"prefix":["a"]}}]}""", "$.f[0].anything-but.prefix", "takes a string")]
    [InlineData("""{"f":[{"anything-but":{"wildcard":"a**"}}]}""", "$.f[0].anything-but.wildcard", "'**'")]
    [InlineData("""{"f":[{"anything-but":{"wildcard":["*a",5]}}]}""", "$.f[0].anything-but.wildcard[1]", "takes a string")]
    [InlineData("""{"f":[{"anything-but":{"equals-ignore-case":[]}}]}""", "$.f[0].anything-but.equals-ignore-case", "non-empty list")]
    [InlineData("""{"$or":{"a":["b"]}}""", "$.$or", "array of pattern objects")]
    [InlineData("""{"$or":[]}""", "$.$or", "at least two")]
    [InlineData("""{"$or":[{"a":["b"]}]}""", "$.$or", "at least two")]
    [InlineData("""{"$or":[{"a":["b"]},["c"]]}""", "$.$or[1]", "must be a JSON object")]
    [InlineData("""{"detail":{"$or":[{"a":["b"]},{"c":[{"numeric":[">"]}]}]}}""", "$.detail.$or[1].c[0].numeric", "numeric range malformed")]
    [InlineData("""{"detail":{"a b":"c"}}""", "$.detail['a b']", "must be an array")]
    [InlineData("""{"detail":{"it's":"c"}}""", "$.detail['it\\'s']", "must be an array")]
    [InlineData("""{"n":[1e400]}""", "$.n[0]", "not a number")]
    public void Parse_Invalid_PathAndReason(string pattern, string path, string reason)
    {
        var result = EventPattern.Parse(pattern);

        Assert.Null(result.Pattern);
        Assert.NotNull(result.Error);
        Assert.Equal(path, result.Error.Path);
        Assert.Contains(reason, result.Error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"source":["aws.ec2"]}""")]
    [InlineData("""{"detail":{"size":[{"numeric":[">=",-5e9,"<=",5e9]}]}}""")]
    [InlineData("""{"detail":{"size":[{"numeric":[">=",5,"<=",5]}]}}""")]
    [InlineData("""{"f":[{"wildcard":"*"}]}""")]
    [InlineData("""{"f":[{"wildcard":"a\\*\\\\b*"}]}""")]
    [InlineData("""{"f":[{"prefix":""}]}""")]
    [InlineData("""{"ip":[{"cidr":"10.0.0.5/24"}]}""")]
    [InlineData("""{"ip":[{"cidr":"::/0"}]}""")]
    [InlineData("""{"$or":[{"a":["b"]},{"c":["d"]}]}""")]
    [InlineData("""{"f":[{"anything-but":{"equals-ignore-case":["a","b"]}}]}""")]
    [InlineData("""{"f":["a",1,true,false,null,{"exists":true}]}""")]
    public void Parse_Valid_Pattern(string pattern)
    {
        var result = EventPattern.Parse(pattern);

        Assert.Null(result.Error);
        Assert.Equal(pattern, result.Pattern!.Json);
    }

    [Fact]
    public void Parse_JsonNode_SameAsText()
    {
        var node = JsonNode.Parse("""{"source":["aws.s3"],"detail":{"object":{"key":[{"prefix":"in/"}]}}}""");

        var result = EventPattern.Parse(node);

        Assert.Null(result.Error);
        Assert.Equal(["aws.s3"], result.Pattern!.RequiredExactValues("source"));
    }

    [Fact]
    public void Parse_NullNode_Refused()
    {
        var result = EventPattern.Parse((JsonNode?)null);

        Assert.Equal("$", result.Error!.Path);
    }

    [Theory]
    [InlineData("""{"source":["a","b"]}""", "source", "a,b")]
    [InlineData("""{"source":[{"prefix":"a"}]}""", "source", null)]
    [InlineData("""{"source":["a",{"exists":false}]}""", "source", null)]
    [InlineData("""{"source":["a",1]}""", "source", null)]
    [InlineData("""{"$or":[{"source":["a"]},{"source":["b"]}]}""", "source", null)]
    [InlineData("""{"detail":{"source":["a"]}}""", "source", null)]
    [InlineData("""{"detail-type":["X"],"source":["a"]}""", "detail-type", "X")]
    public void RequiredExactValues_OnlyTopLevelExactStrings(string pattern, string field, string? expected)
    {
        var values = EventPattern.Parse(pattern).Pattern!.RequiredExactValues(field);

        Assert.Equal(expected, values is null ? null : string.Join(',', values));
    }

    [Fact]
    public void Error_ToString_PathThenReason()
    {
        Assert.Equal("$.a: why", new EventPatternError("$.a", "why").ToString());
    }
}
