using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>
/// A structured field with a value and parameters, as Content-Type ("text/plain; charset=utf-8") and
/// Content-Disposition ("attachment; filename=...") are (RFC 2045 section 5.1, RFC 2183). Parameter names are matched
/// without regard to case; values are unquoted and joined from RFC 2231 continuations ("filename*0*=UTF-8''...").
/// </summary>
internal sealed class HeaderParameters
{
    private readonly Dictionary<string, string> _parameters;

    private HeaderParameters(string value, Dictionary<string, string> parameters) => (Value, _parameters) = (value, parameters);

    /// <summary>The part before the first ';', lower-case and trimmed ("multipart/mixed", "attachment").</summary>
    public string Value { get; }

    public string? this[string name] => _parameters.GetValueOrDefault(name);

    public static HeaderParameters Parse(string? raw, ProblemList problems)
    {
        raw ??= "";
        var semicolon = IndexOfUnquoted(raw, 0, ';');
        var value = StripComments(raw[..semicolon]).Trim().ToLowerInvariant();
        var pieces = new List<(string Name, string Value)>();
        var i = semicolon;
        while (i < raw.Length)
        {
            i++;
            var end = IndexOfUnquoted(raw, i, ';');
            var equals = raw.IndexOf('=', i, end - i);
            if (equals > i)
            {
                var name = raw[i..equals].Trim().ToLowerInvariant();
                if (name.Length > 0) pieces.Add((name, Unquote(raw.AsSpan(equals + 1, end - equals - 1).Trim())));
            }
            i = end;
        }
        return new HeaderParameters(value, Rfc2231.Join(pieces, problems));
    }

    // A ';' or '(' inside a quoted string belongs to the value. An unclosed quote runs to the end.
    private static int IndexOfUnquoted(string raw, int from, char wanted)
    {
        var quoted = false;
        for (var i = from; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && quoted) i++;
            else if (c == '"') quoted = !quoted;
            else if (c == wanted && !quoted) return i;
        }
        return raw.Length;
    }

    private static string StripComments(string text)
    {
        var open = text.IndexOf('(');
        return open < 0 ? text : text[..open];
    }

    private static string Unquote(ReadOnlySpan<char> value)
    {
        if (value.Length == 0 || value[0] != '"') return value.ToString();
        var text = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"') break;
            if (c == '\\' && i + 1 < value.Length) c = value[++i];
            text.Append(c);
        }
        return text.ToString();
    }
}

/// <summary>
/// RFC 2231 parameter value extensions: "name*=charset'language'percent-encoded" and continuations
/// "name*0=...; name*1*=...". The extended form wins over a plain parameter of the same name.
/// </summary>
internal static class Rfc2231
{
    private const int MaxSections = 1000;

    public static Dictionary<string, string> Join(List<(string Name, string Value)> pieces, ProblemList problems)
    {
        var plain = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var extended = new Dictionary<string, SortedDictionary<int, (string Value, bool Encoded)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in pieces)
        {
            var star = name.IndexOf('*');
            if (star < 0)
            {
                plain.TryAdd(name, value);
                continue;
            }
            var baseName = name[..star];
            var rest = name[(star + 1)..];
            var encoded = rest.EndsWith('*') || rest.Length == 0;
            var number = rest.TrimEnd('*');
            var section = 0;
            if (number.Length > 0 && (!int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out section) || section >= MaxSections)) continue;
            if (!extended.TryGetValue(baseName, out var sections)) extended[baseName] = sections = [];
            sections.TryAdd(section, (value, encoded));
        }
        foreach (var (name, sections) in extended) plain[name] = Assemble(sections, problems);
        return plain;
    }

    private static string Assemble(SortedDictionary<int, (string Value, bool Encoded)> sections, ProblemList problems)
    {
        string? charset = null;
        var text = new StringBuilder();
        var pending = new List<byte>();
        var first = true;
        foreach (var (value, encoded) in sections.Values)
        {
            var piece = value;
            if (first && encoded)
            {
                // charset'language'value; a value without the two quotes is taken as it stands.
                var quote1 = piece.IndexOf('\'');
                var quote2 = quote1 < 0 ? -1 : piece.IndexOf('\'', quote1 + 1);
                if (quote2 > quote1)
                {
                    charset = piece[..quote1];
                    piece = piece[(quote2 + 1)..];
                }
            }
            first = false;
            if (encoded)
            {
                PercentDecode(piece, pending);
                continue;
            }
            Flush();
            text.Append(piece);
        }
        Flush();
        return text.ToString();

        void Flush()
        {
            if (pending.Count == 0) return;
            text.Append(Charsets.Decode(pending.ToArray(), charset, problems));
            pending.Clear();
        }
    }

    private static void PercentDecode(string value, List<byte> bytes)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && TransferEncodings.HexValue(value[i + 1]) is var high and >= 0
                && TransferEncodings.HexValue(value[i + 2]) is var low and >= 0)
            {
                bytes.Add((byte)((high << 4) | low));
                i += 2;
            }
            else if (c < 128) bytes.Add((byte)c);
            else bytes.AddRange(Encoding.UTF8.GetBytes(new[] { c }));
        }
    }
}
