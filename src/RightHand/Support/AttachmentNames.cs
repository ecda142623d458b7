namespace RightHand.Support;

/// <summary>
/// File names and types as senders give them are untrusted: a name may carry a path, control characters or
/// a thousand characters, a type may claim anything. What the desk keeps and serves is cleaned here.
/// </summary>
internal static class AttachmentNames
{
    /// <summary>Types a browser may show inline: pictures it decodes itself and plain text. Anything else is a download.</summary>
    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal) { "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain" };

    /// <summary>The last path segment without control characters or characters that file systems refuse, at most 255 characters.</summary>
    public static string Sanitize(string? name)
    {
        var last = (name ?? "").Split('/', '\\').Last();
        var clean = new string(last.Select(c => char.IsControl(c) || c is '"' or '<' or '>' or ':' or '|' or '?' or '*' ? '_' : c).ToArray()).Trim().Trim('.').Trim();
        if (clean.Length > 255)
        {
            var extension = Path.GetExtension(clean);
            clean = extension.Length is > 0 and <= 20 ? clean[..(255 - extension.Length)] + extension : clean[..255];
        }
        return clean.Length == 0 ? "attachment" : clean;
    }

    /// <summary>The claimed type, lower case and without parameters, or application/octet-stream when it is no type at all.</summary>
    public static string ContentType(string? claimed)
    {
        var type = (claimed ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var ok = type.Length is > 2 and <= 100 && type.Count(c => c == '/') == 1 && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '+' or '.');
        return ok ? type : "application/octet-stream";
    }

    /// <summary>Whether a stored type may be shown in the browser (under a sandbox and nosniff) rather than downloaded.</summary>
    public static bool ShowsInline(string contentType) => Inline.Contains(contentType);
}
