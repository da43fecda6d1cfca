using System.Security.Cryptography;
using System.Text;
using EcsOnK8s.Translation.Naming;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// The name of the EcsTask an ecsTask target starts for one event: the rule's name (sanitised, cut to fit) and 16
/// hex characters of a SHA-256 of rule, target and event id. The same event for the same target always gives the
/// same name, so a redelivery finds the task instead of starting a second; two rules, or two targets of a rule,
/// get two tasks.
/// </summary>
public static class EventTaskNames
{
    /// <summary>
    /// Longest name: an EcsTask's Jobs are its name and "-1" to "-10", which must stay a 63-character label
    /// (the task renderer would otherwise shorten the name and hash it again).
    /// </summary>
    public const int MaxLength = KubeNames.MaxLabelLength - 3;

    private const int HashLength = 16;

    public static string For(string ruleName, string targetId, string eventId)
    {
        ArgumentNullException.ThrowIfNull(ruleName);
        ArgumentNullException.ThrowIfNull(targetId);
        ArgumentNullException.ThrowIfNull(eventId);

        // Lengths first, so no two (rule, target, event) triples join to the same text.
        var identity = $"{ruleName.Length}:{ruleName}/{targetId.Length}:{targetId}/{eventId}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..HashLength];
        var prefix = KubeNames.Sanitize(ruleName, fallback: "event");
        var room = MaxLength - HashLength - 1;
        if (prefix.Length > room)
        {
            prefix = prefix[..room].TrimEnd('-');
        }

        return $"{prefix}-{hash}";
    }
}
