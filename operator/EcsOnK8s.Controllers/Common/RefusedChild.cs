namespace EcsOnK8s.Controllers.Common;

/// <summary>A rendered child the API server refused to apply: its kind and name, and the server's message.</summary>
public sealed record RefusedChild(string Kind, string Name, string ServerMessage)
{
    /// <summary>The condition message: which child, and why the API server refused it.</summary>
    public string Message => $"the API server refused {Kind} {Name}: {ServerMessage}";
}
