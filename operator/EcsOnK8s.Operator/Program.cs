using EcsOnK8s.Operator.Hosting;

namespace EcsOnK8s.Operator;

public static class Program
{
    public static Task<int> Main(string[] args) => OperatorApplication.RunAsync(args, Console.Out, Console.Error);
}
