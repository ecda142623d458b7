using RightHand.Formats.Mime;
using Xunit;

namespace RightHand.Tests.Formats.Mime;

/// <summary>Header fields: unfolding, RFC 2047 encoded words, raw 8-bit text, addresses, dates and threading identifiers.</summary>
public sealed class MailHeaderTests
{
    [Fact]
    public void FoldedSubject_IsUnfoldedIntoOneLine()
    {
        var mail = Mail.WithHeaders("Subject: Frage zu\n  meiner\n\tRechnung");

        Assert.Equal("Frage zu meiner Rechnung", mail.Subject);
    }

    [Theory]
    [InlineData("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=", "Grüße")]
    [InlineData("=?utf-8?b?R3LDvMOfZQ==?=", "Grüße")]
    [InlineData("=?ISO-8859-1?Q?Gr=FC=DFe?= aus Berlin", "Grüße aus Berlin")]
    [InlineData("Re: =?UTF-8?Q?M=C3=BCller?= und =?UTF-8?Q?Wei=C3=9F?=", "Re: Müller und Weiß")]
    [InlineData("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab")]
    [InlineData("=?UTF-8?Q?a?=\n =?ISO-8859-1?Q?=E4?=", "aä")]
    [InlineData("=?UTF-8?Q?a_b?=", "a b")]
    [InlineData("=?UTF-8*de?Q?Hallo?=", "Hallo")]
    [InlineData("=?UTF-8?B?4oKs?= 5", "€ 5")]
    public void EncodedWords_AreDecoded_AndBlanksBetweenAdjacentWordsDropped(string raw, string expected)
    {
        Assert.Equal(expected, Mail.WithHeaders("Subject: " + raw).Subject);
    }

    [Fact]
    public void MultiByteCharacter_SplitAcrossTwoWords_IsJoinedBeforeDecoding()
    {
        // "ü" is C3 BC in UTF-8; mailers that cut words by length split it.
        Assert.Equal("Müller", Mail.WithHeaders("Subject: =?UTF-8?B?TcM=?= =?UTF-8?B?vGxsZXI=?=").Subject);
    }

    [Theory]
    [InlineData("=?UTF-8?X?abc?=")]
    [InlineData("=?UTF-8?Q?no end")]
    [InlineData("=??Q?abc?=")]
    [InlineData("=?UTF-8?Q?with blank?=")]
    public void MalformedEncodedWord_StaysAsWritten(string raw)
    {
        Assert.Equal(raw, Mail.WithHeaders("Subject: " + raw).Subject);
    }

    [Fact]
    public void EncodedLineBreak_CannotInjectAHeader_WhenTheSubjectIsCopied()
    {
        var mail = Mail.WithHeaders("Subject: =?UTF-8?Q?Hi=0D=0ABcc:_victim@example.org=00?=");

        Assert.Equal("Hi  Bcc: victim@example.org", mail.Subject);
        Assert.DoesNotContain(mail.Headers, h => h.Value.Any(char.IsControl));
    }

    [Fact]
    public void RawLatin1InHeader_IsReadAsWindows1252_WhenNotValidUtf8()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("From: a@example.org\r\nSubject: Gr\u00fc\u00dfe\r\n\r\nx");

        Assert.Equal("Grüße", MailMessage.Parse(bytes).Subject);
    }

    [Fact]
    public void Headers_AreLookedUpWithoutRegardToCase_AndRepeatedOnesKeptInOrder()
    {
        var mail = Mail.WithHeaders("Received: first\nRECEIVED: second\nx-ticket: 42");

        Assert.Equal(["first", "second"], mail.Headers.GetAll("received"));
        Assert.Equal("42", mail.Headers["X-Ticket"]);
        Assert.Null(mail.Headers["X-Missing"]);
        Assert.Equal("", mail.Subject);
    }

    [Fact]
    public void Addresses_InTheirUsualForms_AreRead()
    {
        var mail = Mail.Parse("""
            From: "Weber, Anna (Vorstand)" <anna.weber@example.org>
            To: bernd@example.org, Carla Diaz <carla@example.org>, dora@example.org (Dora Eck),
             "=?UTF-8?Q?J=C3=BCrgen?=" <juergen@example.org>, =?UTF-8?Q?M=C3=BCller=2C_Ute?= <ute@example.org>
            Cc: Kollegen: eva@example.org, <frank@example.org>;, undisclosed-recipients:;
            Reply-To: <antworten@example.org>
            Subject: x

            body
            """);

        Assert.Equal(new MailboxAddress("Weber, Anna (Vorstand)", "anna.weber@example.org"), mail.From);
        Assert.Equal([
            new MailboxAddress(null, "bernd@example.org"), new MailboxAddress("Carla Diaz", "carla@example.org"),
            new MailboxAddress("Dora Eck", "dora@example.org"), new MailboxAddress("Jürgen", "juergen@example.org"),
            new MailboxAddress("Müller, Ute", "ute@example.org")], mail.To);
        Assert.Equal(["eva@example.org", "frank@example.org"], mail.Cc.Select(a => a.Address));
        Assert.Equal("antworten@example.org", mail.ReplyTo.Single().Address);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void AddressWithoutAnAddress_IsSkippedAndReported()
    {
        var mail = Mail.Parse("From: Nur ein Name\nTo: support@example.org\n\nx");

        Assert.Null(mail.From);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.InvalidAddress);
    }

    [Theory]
    [InlineData("Tue, 12 Nov 2024 09:14:22 +0100", "2024-11-12T09:14:22+01:00")]
    [InlineData("12 Nov 2024 09:14 -0500", "2024-11-12T09:14:00-05:00")]
    [InlineData("Tue, 12 Nov 24 09:14:22 GMT", "2024-11-12T09:14:22+00:00")]
    [InlineData("Tue, 12 Nov 2024 09:14:22 EST", "2024-11-12T09:14:22-05:00")]
    [InlineData("Tue, 5 Nov 2024 09:14:22 +0100 (CET)", "2024-11-05T09:14:22+01:00")]
    [InlineData("Tuesday, 12 November 2024 09:14:22 +0000", "2024-11-12T09:14:22+00:00")]
    [InlineData("2024-11-12T09:14:22Z", "2024-11-12T09:14:22+00:00")]
    public void Dates_InCurrentAndObsoleteForms_AreRead(string raw, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Mail.WithHeaders("Date: " + raw).Date);
    }

    [Theory]
    [InlineData("gestern")]
    [InlineData("Tue, 31 Feb 2024 09:14:22 +0100")]
    [InlineData("Tue, 12 Nov 2024 25:14:22 +0100")]
    public void UnreadableDate_IsNull_AndReported(string raw)
    {
        var mail = Mail.WithHeaders("Date: " + raw);

        Assert.Null(mail.Date);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.InvalidDate);
    }

    [Fact]
    public void ThreadingHeaders_LoseTheirAngleBrackets()
    {
        var mail = Mail.Parse("""
            From: a@example.org
            Message-ID: <new@example.org>
            In-Reply-To: Your message of Monday <parent@example.org>
            References: <root@example.org> <parent@example.org>

            x
            """);

        Assert.Equal("new@example.org", mail.MessageId);
        Assert.Equal("parent@example.org", mail.InReplyTo);
        Assert.Equal(["root@example.org", "parent@example.org"], mail.References);
    }

    [Fact]
    public void HeaderLineWithoutName_EndsTheHeaders_AndTheRestIsBody()
    {
        var mail = Mail.Parse("From: a@example.org\nSubject: Hallo\nIch habe vergessen, eine Leerzeile zu schreiben.\nZweite Zeile");

        Assert.Equal("Hallo", mail.Subject);
        Assert.Equal("Ich habe vergessen, eine Leerzeile zu schreiben.\nZweite Zeile", mail.TextBody);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.MalformedHeaderLine);
    }
}
