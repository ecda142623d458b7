using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>
/// Makes a sender's file name safe to show and to store as the last segment of a path: the part after the last
/// '/' or '\' (no "../../etc/passwd"), without control characters and without the bidirectional overrides that make
/// "invoice‮fdp.exe" look like a PDF; ':' (a drive or stream on Windows) becomes '_'; at most 200 characters with the
/// extension kept. No usable name: "attachment-N" with an extension from the content type.
/// </summary>
internal static class AttachmentNames
{
    private const int MaxLength = 200;

    public static string Safe(string? name, int number, string contentType)
    {
        var cleaned = Clean(name ?? "");
        return cleaned.Length > 0 ? cleaned : $"attachment-{number}{Extension(contentType)}";
    }

    private static string Clean(string name)
    {
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0) name = name[(slash + 1)..];
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c) || IsBidiControl(c) || c == '\uFEFF') continue;
            text.Append(c == ':' ? '_' : c);
        }
        var result = text.ToString().Trim().TrimEnd('.', ' ');
        if (result.Trim('.').Length == 0) return "";
        if (result.Length > MaxLength)
        {
            var dot = result.LastIndexOf('.');
            var extension = dot > 0 && result.Length - dot <= 16 ? result[dot..] : "";
            result = result[..(MaxLength - extension.Length)].TrimEnd() + extension;
        }
        return result;
    }

    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Extension(string contentType) => contentType switch
    {
        "message/rfc822" or "message/global" => ".eml",
        "text/plain" or "message/delivery-status" or "message/global-delivery-status" or "text/rfc822-headers" => ".txt",
        "text/html" => ".html",
        "text/calendar" => ".ics",
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" or "image/jpg" => ".jpg",
        "image/gif" => ".gif",
        _ => ".bin",
    };
}
