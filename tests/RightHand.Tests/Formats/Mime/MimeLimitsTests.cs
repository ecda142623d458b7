using System.Diagnostics;
using System.Globalization;
using System.Text;
using RightHand.Formats.Mime;
using Xunit;

namespace RightHand.Tests.Formats.Mime;

/// <summary>Oversized, deep and hostile messages: reported as problems or rejected, never an exception or a hang.</summary>
public sealed class MimeLimitsTests
{
    [Fact]
    public void TooLargeMessage_IsRejected_WithTheReason_FromBytesSpanAndStream()
    {
        var limits = new MimeLimits { MaxMessageBytes = 1000 };
        var bytes = Mail.Bytes("From: a@example.org\n\n" + new string('x', 2000));

        foreach (var mail in new[] { MailMessage.Parse(bytes, limits), MailMessage.Parse(bytes.AsSpan(), limits), MailMessage.Parse(new MemoryStream(bytes), limits) })
        {
            Assert.True(mail.IsRejected);
            Assert.StartsWith("rejected: too large", mail.RejectionReason, StringComparison.Ordinal);
            Assert.Equal(MimeProblemCode.TooLarge, mail.Problems.Single().Code);
            Assert.Equal("", mail.TextBody);
        }
    }

    [Fact]
    public void Stream_IsReadLikeBytes()
    {
        var bytes = Corpus.Bytes("thunderbird-rfc2231-attachment.eml");
        var fromStream = MailMessage.Parse(new MemoryStream(bytes));

        Assert.Equal(MailMessage.Parse(bytes).TextBody, fromStream.TextBody);
        Assert.Equal("Beitrittserklärung Katrin Vogel (unterschrieben).pdf", fromStream.Attachments.Single().FileName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Hallo, das ist keine Mail.\nNur Text.")]
    [InlineData("\n\nBody without headers")]
    [InlineData("X-Custom: only\n\nbody")]
    public void TextWithoutMailHeaders_IsRejectedAsNotMail(string text)
    {
        var mail = Mail.Parse(text);

        Assert.Equal("rejected: not a mail message (no mail header fields)", mail.RejectionReason);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.NotMail);
    }

    [Fact]
    public void DeepNesting_StopsAtTheLimit_AndIsReported()
    {
        var text = new StringBuilder("From: a@example.org\nContent-Type: multipart/mixed; boundary=b0\n\n");
        for (var i = 1; i <= 50; i++) text.Append(CultureInfo.InvariantCulture, $"--b{i - 1}\nContent-Type: multipart/mixed; boundary=b{i}\n\n");
        text.Append("--b50\nContent-Type: text/plain\n\ntief unten\n");
        var mail = Mail.Parse(text.ToString(), new MimeLimits { MaxDepth = 20 });

        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.TooDeep);
        Assert.DoesNotContain("tief unten", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyParts_KeepsTheFirst_AndIsReported()
    {
        var text = new StringBuilder("From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n");
        for (var i = 0; i < 50; i++) text.Append(CultureInfo.InvariantCulture, $"--b\nContent-Type: application/octet-stream; name=f{i}.bin\n\n{i}\n");
        text.Append("--b--\n");
        var mail = Mail.Parse(text.ToString(), new MimeLimits { MaxParts = 10 });

        Assert.Equal(10, mail.Attachments.Count);
        Assert.Equal("f9.bin", mail.Attachments[^1].FileName);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.TooManyParts);
    }

    [Fact]
    public void TooManyAndTooLongHeaders_AreCutAndReported()
    {
        var text = new StringBuilder("From: a@example.org\nSubject: " + new string('s', 5000) + "\n");
        for (var i = 0; i < 100; i++) text.Append(CultureInfo.InvariantCulture, $"X-Header-{i}: {i}\n");
        var mail = Mail.Parse(text.Append("\nBody").ToString(), new MimeLimits { MaxHeaderCount = 50, MaxHeaderLength = 1000 });

        Assert.Equal(50, mail.Headers.Count);
        Assert.InRange(mail.Subject.Length, 990, 1000);
        Assert.Equal("Body", mail.TextBody);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.TooManyHeaders);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.HeaderTooLong);
    }

    [Fact]
    public void Problems_AreCappedAtTheLimit()
    {
        var text = new StringBuilder("From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n");
        for (var i = 0; i < 30; i++) text.Append(CultureInfo.InvariantCulture, $"--b\nContent-Type: text/plain; charset=x-unknown-{i}\n\nx\n");
        var mail = Mail.Parse(text.ToString(), new MimeLimits { MaxProblems = 5 });

        Assert.Equal(6, mail.Problems.Count);
        Assert.Equal(MimeProblemCode.TooManyProblems, mail.Problems[^1].Code);
    }

    [Fact]
    public void HostileHeadersAndBodies_AreReadInLinearTime()
    {
        string[] hostile =
        [
            "From: a@example.org\nSubject: " + string.Concat(Enumerable.Repeat("=?", 500_000)) + "\n\nx",
            "From: a@example.org\nSubject: " + string.Concat(Enumerable.Repeat("=?utf-8?q?", 100_000)) + "\n\nx",
            "From: " + string.Concat(Enumerable.Repeat("a@b:", 200_000)) + "\n\nx",
            "From: " + new string('(', 500_000) + "\n\nx",
            "From: " + string.Concat(Enumerable.Repeat("<", 500_000)) + "\n\nx",
            "From: a@example.org\nContent-Type: text/plain; " + string.Concat(Enumerable.Repeat("a*9=b;", 100_000)) + "\n\nx",
            "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n" + string.Concat(Enumerable.Repeat("--b\n", 200_000)),
            "From: a@example.org\nContent-Transfer-Encoding: quoted-printable\n\n" + new string('=', 1_000_000),
            "From: a@example.org\nContent-Type: text/html\n\n" + string.Concat(Enumerable.Repeat("<a href='", 200_000)),
            "From: a@example.org\n" + string.Concat(Enumerable.Repeat("X: y\n", 200_000)) + "\nx",
        ];
        foreach (var text in hostile)
        {
            var clock = Stopwatch.StartNew();
            var mail = Mail.Parse(text);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"{text[..40]}... took {clock.Elapsed}");
            Assert.True(mail.Problems.Count <= new MimeLimits().MaxProblems + 1);
        }
    }
}
