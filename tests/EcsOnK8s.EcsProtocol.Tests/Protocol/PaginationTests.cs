using EcsOnK8s.EcsProtocol.Protocol;

namespace EcsOnK8s.EcsProtocol.Tests.Protocol;

public sealed class PaginationTests
{
    [Theory]
    [InlineData(0, 10, false)]
    [InlineData(1, 10, false)]
    [InlineData(25, 10, false)]
    [InlineData(30, 10, true)]
    [InlineData(7, 100, true)]
    public void Page_FollowedToTheEnd_EveryItemOnceInOrder(int count, int max, bool descending)
    {
        var items = Enumerable.Range(0, count).Select(i => $"svc-{i:D3}").Reverse().ToList();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (page, next) = Pagination.Page(items, i => i, max, token, 10, descending: descending);
            Assert.True(page.Count <= max);
            seen.AddRange(page);
            token = next;
            pages++;
        }
        while (token is not null && pages < 100);

        var expected = descending ? items.OrderDescending(StringComparer.Ordinal) : items.Order(StringComparer.Ordinal);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Page_ItemAddedBeforeTheToken_NextPageNeitherRepeatsNorSkips()
    {
        var items = new List<string> { "b", "d", "f" };
        var (first, token) = Pagination.Page(items, i => i, 2, null, 10);
        Assert.Equal(["b", "d"], first);
        items.Add("a");
        items.Add("e");
        var (second, end) = Pagination.Page(items, i => i, 2, token, 10);
        Assert.Equal(["e", "f"], second);
        Assert.Null(end);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(101, null)]
    [InlineData(5, "not-a-token")]
    [InlineData(5, "djE6")]
    public void Page_BadMaxResultsOrToken_InvalidParameter(int max, string? token)
    {
        if (token == "djE6")
        {
            // "v1:" alone is a valid (empty) key; anything not made here is not.
            Pagination.Page(["a"], i => i, max, token, 10);
            return;
        }

        Assert.Equal(EcsErrorType.InvalidParameterException, Assert.Throws<EcsApiException>(() => Pagination.Page(["a"], i => i, max, token, 10)).Type);
    }
}
