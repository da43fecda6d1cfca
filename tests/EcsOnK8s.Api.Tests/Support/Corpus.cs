using System.Text.Json.Nodes;
using Xunit;

namespace EcsOnK8s.Api.Tests.Support;

/// <summary>The JSON documents under the test project's corpus folders, copied to the output folder.</summary>
internal static class Corpus
{
    public const string TaskDefinitions = "TaskDefinitions";
    public const string Services = "Services";
    public const string Tasks = "Tasks";
    public const string ScheduledTasks = "ScheduledTasks";
    public const string EventRules = "EventRules";

    /// <summary>The describe-task-definition output whose timestamps are epoch numbers, as the ECS API returns them.</summary>
    public const string EpochTimestampsFile = "describe-task-definition-epoch-timestamps.json";

    public static IReadOnlyList<string> FileNames(string folder) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> Theory(string folder, params string[] except)
    {
        var data = new TheoryData<string>();
        foreach (var name in FileNames(folder).Except(except, StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    public static string ReadText(string folder, string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, folder, fileName));

    public static JsonNode Read(string folder, string fileName) =>
        JsonNode.Parse(ReadText(folder, fileName)) ?? throw new InvalidOperationException($"{folder}/{fileName} is JSON null");
}
