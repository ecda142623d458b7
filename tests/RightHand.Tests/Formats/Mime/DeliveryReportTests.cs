using Xunit;

namespace RightHand.Tests.Formats.Mime;

/// <summary>Delivery-status notifications (RFC 3464): hard and soft bounces, and what is missing from broken ones.</summary>
public sealed class DeliveryReportTests
{
    private static string Report(string status, string returned = "") => $"""
        From: MAILER-DAEMON@example.org
        Subject: Returned mail
        Content-Type: multipart/report; report-type="delivery-status"; boundary=r

        --r
        Content-Type: text/plain

        Delivery failed.
        --r
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.org

        {status}
        --r
        {returned}
        --r--
        """;

    [Theory]
    [InlineData("Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.7.1", true, false)]
    [InlineData("Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1 (bad destination mailbox address)", true, false)]
    [InlineData("Final-Recipient: rfc822; a@example.net\nAction: failed", true, false)]
    [InlineData("Final-Recipient: rfc822; a@example.net\nAction: delayed\nStatus: 4.2.2", false, true)]
    [InlineData("Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 4.4.7", false, true)]
    [InlineData("Final-Recipient: rfc822; a@example.net\nAction: delivered\nStatus: 2.0.0", false, false)]
    public void RecipientStatus_DecidesHardOrSoft(string recipient, bool hard, bool soft)
    {
        var report = Mail.Parse(Report(recipient)).DeliveryReport!;

        Assert.Equal((hard, soft), (report.IsHardBounce, report.IsSoftBounce));
        Assert.Equal("a@example.net", report.Recipients.Single().FinalRecipient);
    }

    [Fact]
    public void SeveralRecipients_AreEachReported()
    {
        var report = Mail.Parse(Report("Final-Recipient: rfc822;a@example.net\nAction: failed\nStatus: 5.1.1\n\nFinal-Recipient: rfc822;b@example.net\nAction: delayed\nStatus: 4.4.1")).DeliveryReport!;

        Assert.Equal(["a@example.net", "b@example.net"], report.Recipients.Select(r => r.FinalRecipient));
        Assert.Equal([true, false], report.Recipients.Select(r => r.IsHardBounce));
        Assert.True(report.IsHardBounce);
    }

    [Fact]
    public void ReportWithoutItsPerMessageGroup_StillListsTheRecipient()
    {
        var mail = Mail.Parse("From: x@example.org\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\n\n" +
            "--r\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n--r--\n");

        Assert.Equal("a@example.net", mail.DeliveryReport!.Recipients.Single().FinalRecipient);
        Assert.Null(mail.DeliveryReport.ReportingMta);
    }

    [Fact]
    public void ReturnedMessage_GivesTheOriginalMessageId()
    {
        var mail = Mail.Parse(Report("Final-Recipient: rfc822;a@example.net\nAction: failed\nStatus: 5.1.1",
            "Content-Type: message/rfc822\n\nFrom: support@example.org\nSubject: [#10234] Antwort\nMessage-ID: <ticket-10234.9@example.org>\n\nText"));

        Assert.Equal("ticket-10234.9@example.org", mail.DeliveryReport!.OriginalMessageId);
        Assert.Equal("[#10234] Antwort", mail.DeliveryReport.OriginalSubject);
    }

    [Fact]
    public void ReportWithoutStatusPart_IsNoDeliveryReport_AndIsReported()
    {
        var mail = Mail.Parse("From: x@example.org\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\nContent-Type: text/plain\n\nfailed\n--r--\n");

        Assert.Null(mail.DeliveryReport);
        Assert.Contains(mail.Problems, p => p.CodeName == "invalid-delivery-status");
        Assert.Equal("failed", mail.TextBody);
    }

    [Fact]
    public void OrdinaryMail_HasNoDeliveryReport()
    {
        Assert.Null(Mail.WithHeaders("Subject: x").DeliveryReport);
    }
}
