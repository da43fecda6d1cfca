using System.Security.Cryptography;
using System.Text;

namespace EcsOnK8s.Events.Ecs;

/// <summary>
/// UUIDs (RFC 9562 version 8) derived from named parts by SHA-256: the same parts always give the same UUID, so
/// an identifier computed again after a restart, or for a redelivery, is the one given before.
/// </summary>
internal static class DeterministicUuid
{
    public static string From(params string[] parts)
    {
        // Each part is length-prefixed so ("ab", "c") and ("a", "bc") differ.
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash[..16]);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
