namespace RightHand.Formats.Mime;

/// <summary>
/// Builds the MIME tree (RFC 2045, RFC 2046 section 5.1) of a message. Each multipart is split on its boundary lines
/// in one pass over its own bytes, so the work is linear in the message size times the (limited) nesting depth.
/// Faults are reported and read around: a missing boundary parameter is guessed, a boundary that never occurs turns
/// the multipart into plain text, a missing closing boundary lets the last part run to the end.
/// </summary>
internal sealed class MimeTreeReader(MimeLimits limits, ProblemList problems)
{
    private static readonly System.Buffers.SearchValues<char> NotInMediaType = System.Buffers.SearchValues.Create(" \t\"<>@,");
    private int _parts;
    private bool _tooMany, _tooDeep;

    public MimeEntity Read(ReadOnlyMemory<byte> bytes, int depth, string defaultType = "text/plain")
    {
        var fields = HeaderReader.Read(bytes.Span, limits, problems, out var bodyStart);
        var headers = new MailHeaders(fields, problems);
        var contentType = HeaderParameters.Parse(headers.Raw("Content-Type"), problems);
        var mediaType = MediaType(contentType.Value, headers.Contains("Content-Type"), defaultType);
        var body = bytes[bodyStart..];
        IReadOnlyList<MimeEntity> children = [];
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            var parts = depth >= limits.MaxDepth ? null : Split(body.Span, contentType["boundary"]);
            if (depth >= limits.MaxDepth && !_tooDeep)
            {
                problems.Add(MimeProblemCode.TooDeep, $"multiparts nested deeper than {limits.MaxDepth}");
                _tooDeep = true;
            }
            if (parts is null) mediaType = depth >= limits.MaxDepth ? mediaType : "text/plain";
            else children = ReadChildren(body, parts, depth, mediaType == "multipart/digest" ? "message/rfc822" : "text/plain");
        }
        return new MimeEntity
        {
            Headers = headers,
            ContentType = contentType,
            Disposition = HeaderParameters.Parse(headers.Raw("Content-Disposition"), problems),
            TransferEncoding = (headers["Content-Transfer-Encoding"] ?? "").Trim().Trim('"').ToLowerInvariant(),
            Body = body,
            Children = children,
            MediaType = mediaType,
        };
    }

    private List<MimeEntity> ReadChildren(ReadOnlyMemory<byte> body, List<Range> parts, int depth, string defaultType)
    {
        var children = new List<MimeEntity>(parts.Count);
        foreach (var part in parts)
        {
            if (++_parts > limits.MaxParts)
            {
                if (!_tooMany) problems.Add(MimeProblemCode.TooManyParts, $"more than {limits.MaxParts} parts");
                _tooMany = true;
                break;
            }
            children.Add(Read(body[part], depth + 1, defaultType));
        }
        return children;
    }

    private string MediaType(string value, bool declared, string defaultType)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash < value.Length - 1 && !value.AsSpan().ContainsAny(NotInMediaType) && value.IndexOf('/', slash + 1) < 0) return value;
        if (declared) problems.Add(MimeProblemCode.InvalidContentType, "\"" + Shorten(value) + "\" taken as " + defaultType);
        return defaultType;
    }

    /// <summary>The byte ranges of the parts between boundary lines, or null when the boundary never occurs.</summary>
    private List<Range>? Split(ReadOnlySpan<byte> body, string? boundary)
    {
        if (string.IsNullOrEmpty(boundary))
        {
            boundary = GuessBoundary(body);
            problems.Add(MimeProblemCode.MissingBoundaryParameter, boundary is null ? "and no boundary line found" : "guessed from the first \"--\" line");
            if (boundary is null) return null;
        }
        var delimiter = System.Text.Encoding.UTF8.GetBytes("--" + boundary);
        var parts = new List<Range>();
        var partStart = -1;
        var pos = 0;
        while (pos < body.Length)
        {
            var newline = body[pos..].IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? body.Length : pos + newline;
            var next = newline < 0 ? body.Length : lineEnd + 1;
            var line = body[pos..lineEnd];
            if (line.StartsWith(delimiter))
            {
                var rest = line[delimiter.Length..];
                var closing = rest.StartsWith("--"u8);
                if (closing || rest.Trim(" \t\r"u8).IsEmpty)
                {
                    // The line break before a boundary line belongs to the boundary, not to the part.
                    if (partStart >= 0) parts.Add(partStart..WithoutLineBreak(body, partStart, pos));
                    if (closing) return parts;
                    partStart = next;
                }
            }
            pos = next;
        }
        if (partStart < 0)
        {
            problems.Add(MimeProblemCode.MissingBoundary, "the boundary never occurs; the body was read as text");
            return null;
        }
        problems.Add(MimeProblemCode.MissingFinalBoundary, "the last part runs to the end of the message");
        parts.Add(partStart..body.Length);
        return parts;
    }

    private static int WithoutLineBreak(ReadOnlySpan<byte> body, int start, int end)
    {
        if (end > start && body[end - 1] == '\n') end--;
        if (end > start && body[end - 1] == '\r') end--;
        return end;
    }

    // The first line that starts with "--" and looks like a boundary (RFC 2046: up to 70 characters, no blanks at the end).
    private static string? GuessBoundary(ReadOnlySpan<byte> body)
    {
        var pos = 0;
        while (pos < body.Length)
        {
            var newline = body[pos..].IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? body.Length : pos + newline;
            var line = body[pos..lineEnd].TrimEnd(" \t\r"u8);
            if (line.Length is > 2 and <= 74 && line.StartsWith("--"u8) && !line.ContainsAnyExceptInRange((byte)33, (byte)126))
            {
                var candidate = line[2..];
                return HeaderText.Ascii(candidate.EndsWith("--"u8) && candidate.Length > 2 ? candidate[..^2] : candidate);
            }
            pos = newline < 0 ? body.Length : lineEnd + 1;
        }
        return null;
    }

    private static string Shorten(string text) => HeaderText.Clean(text.Length > 60 ? text[..60] : text);
}
