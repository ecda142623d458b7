using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>
/// Reads address headers (RFC 5322 section 3.4) leniently: "Name &lt;addr&gt;", bare "addr", "addr (Name)",
/// groups ("team: a@x, b@y;"), quoted names with commas, encoded-word names (also inside quotes, as Outlook writes
/// them). Works on the undecoded value, so that a comma inside an encoded name cannot split an address.
/// </summary>
internal static class AddressList
{
    public static List<MailboxAddress> Parse(string? raw, ProblemList problems)
    {
        var result = new List<MailboxAddress>();
        if (string.IsNullOrWhiteSpace(raw)) return result;
        var phrase = new StringBuilder();
        string? angle = null, comment = null;
        var phraseHasAt = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            switch (c)
            {
                case '"':
                    i = ReadQuoted(raw, i, phrase);
                    break;
                case '(':
                    var text = new StringBuilder();
                    i = ReadComment(raw, i, text);
                    comment ??= text.ToString();
                    phrase.Append(' ');
                    break;
                case '<':
                    var close = raw.IndexOf('>', i + 1);
                    var end = close < 0 ? raw.Length : close;
                    angle ??= raw[(i + 1)..end];
                    i = end;
                    break;
                case ',' or ';':
                    Flush();
                    break;
                case ':' when angle is null && !phraseHasAt:
                    // A group's name ("undisclosed-recipients:;"); its members follow.
                    phrase.Clear();
                    comment = null;
                    break;
                default:
                    phraseHasAt |= c == '@';
                    phrase.Append(c);
                    break;
            }
        }
        Flush();
        return result;

        void Flush()
        {
            var words = phrase.ToString().Trim();
            if (angle is not null)
            {
                var address = CleanAddress(angle);
                if (address.Length > 0) result.Add(new MailboxAddress(Name(words) ?? Name(comment), address));
                else if (words.Length > 0) problems.Add(MimeProblemCode.InvalidAddress, "empty angle brackets");
            }
            else if (words.Length > 0)
            {
                // No angle brackets: the word with '@' is the address ("jane@example.org", or a sloppy "Jane jane@example.org").
                var parts = words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                var at = Array.FindLastIndex(parts, p => p.Contains('@', StringComparison.Ordinal));
                if (at < 0) problems.Add(MimeProblemCode.InvalidAddress, "no address in \"" + Shorten(HeaderText.Clean(words)) + "\"");
                else
                {
                    var name = string.Join(' ', parts.Where((_, index) => index != at));
                    result.Add(new MailboxAddress(Name(name) ?? Name(comment), CleanAddress(parts[at])));
                }
            }
            phrase.Clear();
            angle = comment = null;
            phraseHasAt = false;
        }

        string? Name(string? words)
        {
            if (string.IsNullOrWhiteSpace(words)) return null;
            var decoded = HeaderText.Clean(EncodedWords.Decode(words, problems));
            var collapsed = string.Join(' ', decoded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return collapsed.Length == 0 ? null : collapsed;
        }
    }

    // Blanks, quotes of a sloppy writer and an obsolete source route ("@relay:jane@example.org") are not part of the address.
    private static string CleanAddress(string address)
    {
        var text = new StringBuilder(address.Length);
        foreach (var c in address)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && c is not ('<' or '>')) text.Append(c);
        }
        var value = text.ToString();
        if (value.StartsWith('@') && value.IndexOf(':', StringComparison.Ordinal) is var colon and > 0) value = value[(colon + 1)..];
        return value.Trim('\'', '"');
    }

    private static int ReadQuoted(string raw, int start, StringBuilder into)
    {
        for (var i = start + 1; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '"') return i;
            if (c == '\\' && i + 1 < raw.Length) c = raw[++i];
            into.Append(c);
        }
        return raw.Length;
    }

    // Comments nest (RFC 5322 section 3.2.2); an unclosed one runs to the end.
    private static int ReadComment(string raw, int start, StringBuilder into)
    {
        var depth = 0;
        for (var i = start; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                into.Append(raw[++i]);
                continue;
            }
            if (c == '(' && depth++ == 0) continue;
            if (c == ')' && --depth == 0) return i;
            into.Append(c);
        }
        return raw.Length;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] : text;
}
