namespace EcsOnK8s.Testing;

/// <summary>Where <see cref="ApiServerProxy"/> kills the operator around the write it was armed for.</summary>
public enum CrashPoint
{
    /// <summary>The API server applied the write, the operator never hears the answer (the proxy holds it back).</summary>
    BeforeResponse,

    /// <summary>The operator gets the answer, then dies before any other request gets through.</summary>
    AfterResponse,
}
