namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>The managed heap one kind's cache holds: its objects and the bytes they keep alive.</summary>
internal sealed record KindFootprint(string Resource, int Objects, long Bytes)
{
    public double BytesPerObject => Objects == 0 ? 0 : (double)Bytes / Objects;
}
