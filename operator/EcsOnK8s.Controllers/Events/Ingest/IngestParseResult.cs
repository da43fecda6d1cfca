namespace EcsOnK8s.Controllers.Events.Ingest;

/// <summary>A parsed request: its entries in order, or the error that refuses the whole request (nothing is published).</summary>
public sealed record IngestParseResult(IReadOnlyList<IngestEntry> Entries, IngestResponse? Refusal)
{
    public static IngestParseResult Refuse(EventBridgeErrorType type, string message) => new([], IngestResponse.Error(type, message));
}
