using System.Text;
using RightHand.Formats.Mime;

namespace RightHand.Tests.Formats.Mime;

/// <summary>Writes test messages readably: "\n" in the text becomes CRLF on the wire, the text is UTF-8.</summary>
internal static class Mail
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    public static MailMessage Parse(string text, MimeLimits? limits = null) => MailMessage.Parse(Bytes(text), limits);

    /// <summary>A message with the usual headers, the given extra header lines and a plain body.</summary>
    public static MailMessage WithHeaders(string headers, string body = "Hallo") =>
        Parse($"From: a@example.org\nTo: support@example.org\nMessage-ID: <t@example.org>\n{headers}\n\n{body}\n");
}
