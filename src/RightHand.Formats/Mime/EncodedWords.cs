using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>
/// Decodes RFC 2047 encoded words ("=?ISO-8859-1?Q?M=FCller?=", "=?UTF-8?B?...?=") in header text. Blanks between
/// two adjacent encoded words are dropped (RFC 2047 section 6.2), and adjacent words in the same charset are joined
/// before decoding, because mailers split multi-byte characters across words. Leniently also decodes words that touch
/// other text or sit in quoted strings, as real mailers produce both. A word that does not parse stays as written.
/// </summary>
internal static class EncodedWords
{
    private readonly record struct Segment(string? Text, string? Charset, byte[]? Bytes);

    public static string Decode(string text, ProblemList problems)
    {
        var start = text.IndexOf("=?", StringComparison.Ordinal);
        if (start < 0) return text;
        var segments = new List<Segment>();
        int textStart = 0, i = start;
        while (i >= 0 && i < text.Length)
        {
            if (TryReadWord(text, i, out var charset, out var bytes, out var end))
            {
                if (i > textStart) segments.Add(new Segment(text[textStart..i], null, null));
                segments.Add(new Segment(null, charset, bytes));
                textStart = end;
                i = end;
            }
            else
            {
                i += 2;
            }
            i = i < text.Length ? text.IndexOf("=?", i, StringComparison.Ordinal) : -1;
        }
        if (textStart < text.Length) segments.Add(new Segment(text[textStart..], null, null));
        return Join(segments, problems);
    }

    private static string Join(List<Segment> segments, ProblemList problems)
    {
        var result = new StringBuilder();
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            if (segment.Text is not null)
            {
                var betweenWords = s > 0 && s + 1 < segments.Count && segments[s - 1].Bytes is not null && segments[s + 1].Bytes is not null;
                if (!(betweenWords && string.IsNullOrWhiteSpace(segment.Text))) result.Append(segment.Text);
                continue;
            }
            var bytes = new List<byte>(segment.Bytes!);
            while (NextWordInSameCharset(segments, s, segment.Charset!) is var next and > 0)
            {
                bytes.AddRange(segments[next].Bytes!);
                s = next;
            }
            result.Append(Charsets.Decode(bytes.ToArray(), segment.Charset, problems));
        }
        return result.ToString();
    }

    private static int NextWordInSameCharset(List<Segment> segments, int s, string charset)
    {
        var next = s + 1;
        if (next < segments.Count && segments[next].Text is { } between && string.IsNullOrWhiteSpace(between)) next++;
        return next < segments.Count && segments[next].Bytes is not null
            && string.Equals(segments[next].Charset, charset, StringComparison.OrdinalIgnoreCase) ? next : -1;
    }

    // =?charset[*language]?Q|B?text?=  with no blanks inside. Each attempt stops at the next '?' or blank, so
    // scanning stays linear however many "=?" a hostile header holds.
    private static bool TryReadWord(string text, int at, out string charset, out byte[] bytes, out int end)
    {
        charset = "";
        bytes = [];
        end = at;
        var charsetEnd = IndexOfQuestionMark(text, at + 2);
        if (charsetEnd <= at + 2 || charsetEnd + 2 >= text.Length || text[charsetEnd + 2] != '?') return false;
        var encoding = char.ToUpperInvariant(text[charsetEnd + 1]);
        if (encoding is not ('Q' or 'B')) return false;
        var payloadStart = charsetEnd + 3;
        var payloadEnd = IndexOfQuestionMark(text, payloadStart);
        if (payloadEnd < 0 || payloadEnd + 1 >= text.Length || text[payloadEnd + 1] != '=') return false;
        charset = text[(at + 2)..charsetEnd];
        if (charset.IndexOf('*') is var star and >= 0) charset = charset[..star];
        var payload = text.AsSpan(payloadStart, payloadEnd - payloadStart);
        bytes = encoding == 'B' ? Base64(payload) : QuotedPrintable(payload);
        end = payloadEnd + 2;
        return true;
    }

    private static int IndexOfQuestionMark(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '?') return i;
            if (char.IsWhiteSpace(text[i])) return -1;
        }
        return -1;
    }

    private static byte[] Base64(ReadOnlySpan<char> payload)
    {
        var ascii = new byte[payload.Length];
        for (var i = 0; i < payload.Length; i++) ascii[i] = payload[i] < 128 ? (byte)payload[i] : (byte)'!';
        return TransferEncodings.Base64(ascii, null);
    }

    private static byte[] QuotedPrintable(ReadOnlySpan<char> payload)
    {
        var bytes = new List<byte>(payload.Length);
        for (var i = 0; i < payload.Length; i++)
        {
            var c = payload[i];
            if (c == '_') bytes.Add((byte)' ');
            else if (c == '=' && i + 2 < payload.Length && TransferEncodings.HexValue(payload[i + 1]) is var high and >= 0
                && TransferEncodings.HexValue(payload[i + 2]) is var low and >= 0)
            {
                bytes.Add((byte)((high << 4) | low));
                i += 2;
            }
            else if (c < 128) bytes.Add((byte)c);
            else bytes.AddRange(Encoding.UTF8.GetBytes(new[] { c }));
        }
        return [.. bytes];
    }
}
