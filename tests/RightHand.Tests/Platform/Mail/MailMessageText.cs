using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RightHand.Tests.Platform.Mail;

/// <summary>
/// Just enough MIME to read a single-part text mail as smtp-sink stored it: unfolded headers with
/// RFC 2047 encoded words decoded, and the body decoded from base64 or quoted-printable.
/// </summary>
internal sealed partial class MailMessageText
{
    private readonly List<(string Name, string Value)> headers;

    private MailMessageText(List<(string Name, string Value)> headers, string body)
    {
        this.headers = headers;
        Body = body;
    }

    public string Body { get; }

    /// <summary>The last header of that name (smtp-sink's own come first), decoded.</summary>
    public string Header(string name) =>
        headers.LastOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value
        ?? throw new InvalidOperationException($"No {name} header in:\n{string.Join('\n', headers.Select(h => $"{h.Name}: {h.Value}"))}");

    public static MailMessageText Parse(string raw)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var rawBody = split < 0 ? "" : text[(split + 2)..];
        var headers = new List<(string Name, string Value)>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                // A folded line continues the previous header; between two encoded words the fold's white space vanishes.
                var (name, value) = headers[^1];
                headers[^1] = (name, value.EndsWith("?=", StringComparison.Ordinal) && line.TrimStart().StartsWith("=?", StringComparison.Ordinal)
                    ? value + line.TrimStart() : value + " " + line.TrimStart());
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers.Add((line[..colon], line[(colon + 1)..].Trim()));
        }
        var decoded = headers.Select(h => (h.Name, DecodeWords(h.Value))).ToList();
        var encoding = decoded.LastOrDefault(h => string.Equals(h.Name, "Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Item2 ?? "7bit";
        return new MailMessageText(decoded, DecodeBody(rawBody, encoding.Trim()));
    }

    private static string DecodeWords(string value) => EncodedWord().Replace(value, m =>
    {
        var charset = Encoding.GetEncoding(m.Groups["charset"].Value);
        var payload = m.Groups["text"].Value;
        return string.Equals(m.Groups["enc"].Value, "B", StringComparison.OrdinalIgnoreCase)
            ? charset.GetString(Convert.FromBase64String(payload))
            : charset.GetString(QuotedPrintable(payload.Replace('_', ' ')));
    });

    private static string DecodeBody(string body, string transferEncoding)
    {
        if (string.Equals(transferEncoding, "base64", StringComparison.OrdinalIgnoreCase))
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))));
        if (string.Equals(transferEncoding, "quoted-printable", StringComparison.OrdinalIgnoreCase))
            return Encoding.UTF8.GetString(QuotedPrintable(body.Replace("=\n", "", StringComparison.Ordinal)));
        return body;
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        return [.. bytes];
    }

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<enc>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();
}
