using Xunit;

namespace RightHand.Tests.Formats.Mime;

/// <summary>Which mail was sent by a machine: the support desk never answers those, so two responders cannot loop.</summary>
public sealed class AutoReplyTests
{
    [Theory]
    [InlineData("Auto-Submitted: auto-replied")]
    [InlineData("Auto-Submitted: auto-generated")]
    [InlineData("Auto-Submitted: Auto-Replied; owner-email=\"a@example.org\"")]
    [InlineData("Precedence: bulk")]
    [InlineData("Precedence: junk")]
    [InlineData("Precedence: list")]
    [InlineData("Precedence: auto_reply")]
    [InlineData("X-Autoreply: yes")]
    [InlineData("X-Autorespond: Vacation")]
    public void MachineMarkers_MakeAnAutoReply(string header)
    {
        Assert.True(Mail.WithHeaders(header).IsAutoReply);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Auto-Submitted: no")]
    [InlineData("Auto-Submitted: No (written by a person)")]
    [InlineData("Precedence: first-class")]
    [InlineData("X-Auto-Response-Suppress: All")]
    [InlineData("X-Autoreply: no")]
    public void PersonalMail_IsNotAnAutoReply(string header)
    {
        Assert.False(Mail.WithHeaders(header.Length == 0 ? "Subject: x" : header).IsAutoReply);
    }
}
