using System.Text;
using RightHand.Formats.Mime;
using Xunit;

namespace RightHand.Tests.Formats.Mime;

/// <summary>The MIME tree: which part is the text, which are files, how transfer encodings and charsets are undone.</summary>
public sealed class MimeStructureTests
{
    [Fact]
    public void NestedMultiparts_MixedAlternativeRelated_GiveOneTextAndAllFiles()
    {
        var mail = Mail.Parse("""
            From: a@example.org
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=alt

            --alt
            Content-Type: text/plain; charset=utf-8

            Plain version
            --alt
            Content-Type: multipart/related; boundary=rel; start="<root@x>"

            --rel
            Content-Type: image/gif
            Content-ID: <logo@x>
            Content-Transfer-Encoding: base64

            R0lGODlhAQABAAAAACw=
            --rel
            Content-Type: text/html; charset=utf-8
            Content-ID: <root@x>

            <p>HTML version <img src="cid:logo@x"></p>
            --rel--
            --alt--
            --outer
            Content-Type: application/octet-stream; name=data.bin
            Content-Transfer-Encoding: base64

            AAEC
            --outer--
            """);

        Assert.Equal("Plain version", mail.TextBody);
        Assert.Equal("<p>HTML version <img src=\"cid:logo@x\"></p>", mail.HtmlBody);
        Assert.Equal(["attachment-1.gif", "data.bin"], mail.Attachments.Select(a => a.FileName));
        Assert.True(mail.Attachments[0].IsInline);
        Assert.Equal("logo@x", mail.Attachments[0].ContentId);
        Assert.Equal([0, 1, 2], mail.Attachments[1].Content);
        Assert.False(mail.Attachments[1].IsInline);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void AlternativeWithEmptyPlainPart_UsesTheHtmlConvertedToText()
    {
        var mail = Mail.Parse("""
            From: a@example.org
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain

            --b
            Content-Type: text/html

            <div>Guten&nbsp;Tag</div><div>Zeile&nbsp;2</div>
            --b--
            """);

        Assert.Equal("Guten Tag\nZeile 2", mail.TextBody);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public void TextPartSentAsAttachment_IsAFile_NotTheText()
    {
        var mail = Mail.Parse("""
            From: a@example.org
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            Siehe Anhang.
            --b
            Content-Type: text/plain; charset=utf-8
            Content-Disposition: attachment; filename="notizen.txt"

            Geheim
            --b--
            """);

        Assert.Equal("Siehe Anhang.", mail.TextBody);
        var file = Assert.Single(mail.Attachments);
        Assert.Equal("notizen.txt", file.FileName);
        Assert.Equal("Geheim", Encoding.UTF8.GetString(file.Content));
    }

    [Theory]
    [InlineData("filename*=UTF-8''%E2%82%AC%20Rechnung.pdf", "€ Rechnung.pdf")]
    [InlineData("filename*=iso-8859-1'de'Gr%FC%DFe.txt", "Grüße.txt")]
    [InlineData("filename*0=\"Teil eins \"; filename*1=\"und zwei.txt\"", "Teil eins und zwei.txt")]
    [InlineData("filename*0*=UTF-8''M%C3%BCl; filename*1=ler.txt", "Müller.txt")]
    [InlineData("filename=\"plain.txt\"; filename*=UTF-8''better%20name.txt", "better name.txt")]
    [InlineData("filename=\"=?ISO-8859-1?Q?=DCbersicht.pdf?=\"", "Übersicht.pdf")]
    [InlineData("filename=\"say \\\"hi\\\".txt\"", "say \"hi\".txt")]
    [InlineData("filename=unquoted name.txt", "unquoted name.txt")]
    [InlineData("filename=\"Grüße.pdf\"", "Grüße.pdf")]
    public void FileNames_InRfc2231And2047Forms_AreDecoded(string parameter, string expected)
    {
        Assert.Equal(expected, FileNameOf("attachment; " + parameter));
    }

    [Theory]
    [InlineData("filename=\"../../etc/passwd\"", "passwd")]
    [InlineData("filename=\"C:\\\\Windows\\\\evil.exe\"", "evil.exe")]
    [InlineData("filename=\"C:evil.exe\"", "C_evil.exe")]
    [InlineData("filename*=UTF-8''invoice%E2%80%AEfdp.exe", "invoicefdp.exe")]
    [InlineData("filename*=UTF-8''bad%00%0D%0Aname.txt", "badname.txt")]
    [InlineData("filename=\"..\"", "attachment-1.pdf")]
    [InlineData("filename=\"   \"", "attachment-1.pdf")]
    public void FileNames_AreMadeSafe(string parameter, string expected)
    {
        Assert.Equal(expected, FileNameOf("attachment; " + parameter));
    }

    [Fact]
    public void OverlongFileName_IsCut_KeepingItsExtension()
    {
        var name = FileNameOf("attachment; filename=\"" + new string('x', 300) + ".pdf\"");

        Assert.Equal(200, name.Length);
        Assert.EndsWith("x.pdf", name, StringComparison.Ordinal);
    }

    private static string FileNameOf(string disposition) => Mail.Parse($"""
        From: a@example.org
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: application/pdf
        Content-Disposition: {disposition}

        %PDF
        --b--
        """).Attachments.Single().FileName;

    [Theory]
    [InlineData("base64", "R3LDvMOfZQ==", "Grüße")]
    [InlineData("base64", "R3LD\nvMOf\nZQ", "Grüße")]
    [InlineData("BASE64", "R3LDvM*Of!ZQ==", "Grüße")]
    [InlineData("quoted-printable", "Gr=C3=BC=C3=9Fe", "Grüße")]
    [InlineData("quoted-printable", "Gr=c3=bc=c3=9fe", "Grüße")]
    [InlineData("quoted-printable", "lange Zei=\nle", "lange Zeile")]
    [InlineData("quoted-printable", "lange Zei=  \nle", "lange Zeile")]
    [InlineData("quoted-printable", "Leerzeichen am Ende   \nbleiben=20\nweg", "Leerzeichen am Ende\nbleiben \nweg")]
    [InlineData("8bit", "Grüße", "Grüße")]
    [InlineData("binary", "Grüße", "Grüße")]
    public void TransferEncodings_AreUndone(string encoding, string content, string expected)
    {
        var mail = Mail.Parse($"From: a@example.org\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: {encoding}\n\n{content}\n");

        Assert.Equal(expected, mail.TextBody);
    }

    [Fact]
    public void UnknownTransferEncoding_KeepsTheContent_AndIsReported()
    {
        var mail = Mail.Parse("From: a@example.org\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 a.txt\n");

        Assert.Equal("begin 644 a.txt", mail.TextBody);
        Assert.Contains(mail.Problems, p => p.ToString() == "unknown-transfer-encoding: x-uuencode");
    }

    [Theory]
    [InlineData("utf-8", new byte[] { 0x47, 0x72, 0xC3, 0xBC, 0xC3, 0x9F, 0x65 })]
    [InlineData("us-ascii", new byte[] { 0x47, 0x72, 0xC3, 0xBC, 0xC3, 0x9F, 0x65 })]
    [InlineData("iso-8859-1", new byte[] { 0x47, 0x72, 0xFC, 0xDF, 0x65 })]
    [InlineData("ISO-8859-15", new byte[] { 0x47, 0x72, 0xFC, 0xDF, 0x65 })]
    [InlineData("windows-1252", new byte[] { 0x47, 0x72, 0xFC, 0xDF, 0x65 })]
    [InlineData("cp850", new byte[] { 0x47, 0x72, 0x81, 0xE1, 0x65 })]
    [InlineData("x-unheard-of", new byte[] { 0x47, 0x72, 0xFC, 0xDF, 0x65 })]
    public void Charsets_AreDecoded_UnknownOnesByGuessing(string charset, byte[] text)
    {
        byte[] message = [.. Encoding.ASCII.GetBytes($"From: a@example.org\r\nContent-Type: text/plain; charset=\"{charset}\"\r\n\r\n"), .. text];

        Assert.Equal("Grüße", MailMessage.Parse(message).TextBody);
    }

    [Fact]
    public void Iso88591Label_ReadsWindows1252Punctuation_AsMailersMeanIt()
    {
        byte[] message = [.. Encoding.ASCII.GetBytes("From: a@example.org\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n"), 0x84, 0x61, 0x93, 0x20, 0x80];

        Assert.Equal("„a“ €", MailMessage.Parse(message).TextBody);
    }

    [Fact]
    public void InvalidUtf8_BecomesReplacementCharacters_AndIsReported()
    {
        byte[] message = [.. Encoding.ASCII.GetBytes("From: a@example.org\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGr"), 0xFC, 0x65];
        var mail = MailMessage.Parse(message);

        Assert.Equal("Gr\uFFFDe", mail.TextBody);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.InvalidBytesForCharset);
    }

    [Fact]
    public void ByteOrderMark_IsNotPartOfTheText()
    {
        byte[] message = [.. Encoding.ASCII.GetBytes("From: a@example.org\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"), 0xEF, 0xBB, 0xBF, 0x48, 0x69];

        Assert.Equal("Hi", MailMessage.Parse(message).TextBody);
    }

    [Fact]
    public void NulAndControlCharacters_AreRemovedFromText()
    {
        var mail = Mail.Parse("From: a@example.org\n\nA\0B\u0007C\tD");

        Assert.Equal("ABC\tD", mail.TextBody);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.ControlCharacters);
    }

    [Fact]
    public void FlowedText_IsJoined_ButSignatureSeparatorAndQuotesKeepTheirLines()
    {
        var mail = Mail.Parse("""
            From: a@example.org
            Content-Type: text/plain; charset=utf-8; format=flowed; delsp=no

            Ein langer Satz, der 
            umbrochen wurde.
            > zitiert und 
            > fortgesetzt
             >Kein Zitat (gestopft)
            -- 
            Signatur
            """);

        Assert.Equal("Ein langer Satz, der umbrochen wurde.\n> zitiert und fortgesetzt\n>Kein Zitat (gestopft)\n-- \nSignatur", mail.TextBody);
    }

    [Fact]
    public void DigestParts_DefaultToMessages()
    {
        var mail = Mail.Parse("""
            From: list@example.org
            Content-Type: multipart/digest; boundary=d

            --d

            From: b@example.org
            Subject: Eins

            Text eins
            --d--
            """);

        var message = Assert.Single(mail.Attachments);
        Assert.Equal("message/rfc822", message.ContentType);
        Assert.Equal("Eins", MailMessage.Parse(message.Content).Subject);
    }

    [Fact]
    public void PreambleAndEpilogue_AreNotPartOfTheText()
    {
        var mail = Mail.Parse("""
            From: a@example.org
            Content-Type: multipart/mixed; boundary="b"

            This is a multi-part message in MIME format.
            --b
            Content-Type: text/plain

            Nur das.
            --b--
            Epilog, den niemand liest.
            """);

        Assert.Equal("Nur das.", mail.TextBody);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void BoundaryThatStartsAnotherBoundary_DoesNotSplitThere()
    {
        var mail = Mail.Parse("""
            From: a@example.org
            Content-Type: multipart/mixed; boundary="abc"

            --abc
            Content-Type: text/plain

            eins
            --abcdef
            noch eins
            --abc--
            """);

        Assert.Equal("eins\n--abcdef\nnoch eins", mail.TextBody);
    }
}
