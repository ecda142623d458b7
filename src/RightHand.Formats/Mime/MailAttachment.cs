namespace RightHand.Formats.Mime;

/// <summary>
/// A part of a message that is not its text: a file, an inline image, a forwarded message (message/rfc822, with
/// its raw bytes), a delivery-status report. <see cref="FileName"/> is safe to show and to use as the last segment
/// of a path: no directory parts, no control or bidirectional-override characters, "attachment-N.ext" when the
/// message names none. It is not HTML-escaped (nothing the reader returns is). <see cref="ContentType"/> is
/// lower-case "type/subtype" as declared; <see cref="Content"/> is decoded from base64 or quoted-printable.
/// <see cref="ContentId"/> is without angle brackets (what "cid:" links in the HTML body refer to).
/// </summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content, bool IsInline, string? ContentId);
