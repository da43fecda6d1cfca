using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events.Ingest;

/// <summary>
/// One entry of a request: the event it becomes, or PutEvents' per-entry error (<c>InvalidArgument</c>,
/// <c>MalformedDetail</c>) for an entry refused on its own while the others go on.
/// </summary>
public sealed record IngestEntry(AwsEvent? Event, string? ErrorCode = null, string? ErrorMessage = null)
{
    public const string InvalidArgument = "InvalidArgument";
    public const string MalformedDetail = "MalformedDetail";

    public static IngestEntry Refused(string code, string message) => new(null, code, message);
}
