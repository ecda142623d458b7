namespace RightHand.Formats.Mime;

/// <summary>
/// One node of a message's MIME tree: its headers, its content type and disposition, and either its children
/// (a multipart) or its still-encoded content (a leaf). The body is a slice of the message's bytes, not a copy.
/// </summary>
internal sealed class MimeEntity
{
    public required MailHeaders Headers { get; init; }
    public required HeaderParameters ContentType { get; init; }
    public required HeaderParameters Disposition { get; init; }
    public required string TransferEncoding { get; init; }
    public required ReadOnlyMemory<byte> Body { get; init; }
    public IReadOnlyList<MimeEntity> Children { get; init; } = [];

    /// <summary>"text/plain" when the part declared nothing usable (RFC 2045 section 5.2).</summary>
    public required string MediaType { get; init; }

    public bool IsMultipart => MediaType.StartsWith("multipart/", StringComparison.Ordinal);

    public bool IsText(string subtype) => MediaType == "text/" + subtype;

    /// <summary>
    /// The file name as the sender wrote it (Content-Disposition filename, else Content-Type name), decoded but not
    /// yet made safe (<see cref="AttachmentNames"/> does that); null when none.
    /// </summary>
    public string? FileName(ProblemList problems)
    {
        var name = Disposition["filename"] ?? ContentType["name"];
        return string.IsNullOrWhiteSpace(name) ? null : EncodedWords.Decode(name, problems);
    }

    /// <summary>Sent as a file: disposition "attachment", or any part that names a file.</summary>
    public bool IsAttachment => Disposition.Value == "attachment" || Disposition["filename"] is not null || ContentType["name"] is not null;

    public string? ContentId => Headers["Content-ID"]?.Trim().TrimStart('<').TrimEnd('>') is { Length: > 0 } id ? id : null;

    public byte[] Content(ProblemList problems) => TransferEncodings.Decode(Body.Span, TransferEncoding, problems);
}
