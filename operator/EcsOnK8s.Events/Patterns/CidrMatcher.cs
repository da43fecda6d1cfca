using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// <c>cidr</c>: a string holding an IPv4 or IPv6 address inside the block. Addresses are read strictly (IPv4 as four
/// decimal parts), since .NET's parser would also take "10" as 0.0.0.10.
/// </summary>
internal sealed class CidrMatcher : ValueMatcher
{
    private readonly byte[] _network;
    private readonly int _prefixLength;

    private CidrMatcher(byte[] network, int prefixLength)
    {
        _network = network;
        _prefixLength = prefixLength;
    }

    /// <summary>The matcher, or null and the reason the block is refused.</summary>
    public static (CidrMatcher? Matcher, string Reason) Create(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (null, $"invalid CIDR '{text}': expected ADDRESS/PREFIX-LENGTH, e.g. 10.0.0.0/24 or 2001:db8::/32");
        }

        Span<byte> address = stackalloc byte[16];
        if (!TryParseAddress(text.AsSpan(0, slash), address, out var length))
        {
            return (null, $"invalid CIDR '{text}': '{text[..slash]}' is not an IPv4 or IPv6 address");
        }

        var bits = length * 8;
        var prefixText = text.AsSpan(slash + 1);
        if (prefixText.IsEmpty || prefixText.Length > 3
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > bits)
        {
            return (null, $"invalid CIDR '{text}': the prefix length must be a whole number from 0 to {bits}");
        }

        var network = address[..length].ToArray();
        Mask(network, prefix);
        return (new CidrMatcher(network, prefix), string.Empty);
    }

    public override bool Matches(scoped in LeafValue value)
    {
        if (!value.IsString || value.Utf8.Length > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[64];
        if (!Ascii.IsValid(value.Utf8))
        {
            return false;
        }

        var count = Encoding.ASCII.GetChars(value.Utf8, chars);
        Span<byte> address = stackalloc byte[16];
        if (!TryParseAddress(chars[..count], address, out var length) || length != _network.Length)
        {
            return false;
        }

        var whole = _prefixLength / 8;
        if (!address[..whole].SequenceEqual(_network.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = _prefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (address[whole] & mask) == _network[whole];
    }

    private static void Mask(Span<byte> address, int prefix)
    {
        for (var i = 0; i < address.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            address[i] &= (byte)(0xFF << (8 - keep));
        }
    }

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF:.");

    /// <summary>Reads an address into <paramref name="bytes"/> (4 or 16 of them) without allocating for IPv4.</summary>
    private static bool TryParseAddress(ReadOnlySpan<char> text, Span<byte> bytes, out int length)
    {
        length = 0;
        if (text.Contains(':'))
        {
            // IPv6 (possibly with an embedded IPv4 tail); no zone ids or brackets in a CIDR block or an event value.
            if (text.ContainsAnyExcept(Hex) || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            length = 16;
            return ip.TryWriteBytes(bytes, out _);
        }

        var part = 0;
        var digits = 0;
        var current = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || part == 3)
                {
                    return false;
                }

                bytes[part++] = (byte)current;
                current = 0;
                digits = 0;
            }
            else if (char.IsAsciiDigit(c) && digits < 3)
            {
                current = (current * 10) + (c - '0');
                digits++;
                if (current > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || part != 3)
        {
            return false;
        }

        bytes[3] = (byte)current;
        length = 4;
        return true;
    }
}
