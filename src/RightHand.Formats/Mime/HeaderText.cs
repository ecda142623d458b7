using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>Turns header bytes into text: unfolding, raw 8-bit bytes, control characters.</summary>
internal static class HeaderText
{
    /// <summary>
    /// Joins continuation lines (a line break and the blanks after it become one space; RFC 5322 would keep all
    /// blanks, but a folded diagnostic or subject reads better without the indentation) and decodes
    /// the bytes. Headers should be ASCII, but many mailers write raw UTF-8 (RFC 6532 allows it) and old ones
    /// Latin-1: UTF-8 is taken when the bytes are valid UTF-8, else Windows-1252.
    /// </summary>
    public static string Unfold(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny((byte)'\r', (byte)'\n') < 0) return Charsets.DecodeUnlabelled(value);
        var joined = new byte[value.Length];
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b == '\n')
            {
                while (i + 1 < value.Length && value[i + 1] is (byte)' ' or (byte)'\t') i++;
                joined[length++] = (byte)' ';
            }
            else if (b != '\r') joined[length++] = b;
        }
        return Charsets.DecodeUnlabelled(joined.AsSpan(0, length));
    }

    public static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);

    /// <summary>
    /// Line breaks, tabs, NUL and other control characters become one space each, and the value is trimmed: a decoded
    /// encoded word can hold "\r\n", which must not turn into a second header when the support desk writes "Re: " + subject.
    /// </summary>
    public static string Clean(string value)
    {
        var i = 0;
        while (i < value.Length && !char.IsControl(value[i])) i++;
        if (i == value.Length) return value.Trim();
        var text = new StringBuilder(value.Length);
        text.Append(value, 0, i);
        for (; i < value.Length; i++) text.Append(char.IsControl(value[i]) ? ' ' : value[i]);
        return text.ToString().Trim();
    }
}
