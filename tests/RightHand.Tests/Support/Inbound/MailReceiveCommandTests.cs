using System.Text;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Cli;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Inbound;

/// <summary><c>righthand mail receive</c> as Postfix and fetchmail run it: the mail on standard input, the outcome in the exit code.</summary>
[Collection(CommandLineGroup.Name)]
public sealed class MailReceiveCommandTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Receive_CreatesThenAdds_RejectsWithTwo_AndADatabaseDownIsATemporaryFailure(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var created = await ReceiveAsync(ReceivedMail.Text("anna@example.org", "Help", "Please help.", "<cli1@example.org>"), Target(app));
        Assert.Equal((0, "Ticket #10001 created"), (created.Code, created.Output.Trim()));
        var added = await ReceiveAsync(ReceivedMail.Text("anna@example.org", "Re: [#10001] Help", "More.", "<cli2@example.org>"), Target(app));
        Assert.Equal((0, "Message added to ticket #10001"), (added.Code, added.Output.Trim()));
        Assert.Equal(2, await ReceivedMail.QueryAsync(app, db => db.TicketMessages.CountAsync()));

        var rejected = await ReceiveAsync(Encoding.ASCII.GetBytes("no mail here\r\n"), Target(app));
        Assert.Equal(2, rejected.Code);
        Assert.Contains("rejected: not a mail message", rejected.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "rejected-mail"), "*.eml"));

        // Postfix keeps the mail and retries on 75 (EX_TEMPFAIL).
        var down = await ReceiveAsync(ReceivedMail.Text("anna@example.org", "Help", "Again.", "<cli3@example.org>"),
            ["--data-dir", app.DataDirectory, "--database", "Host=127.0.0.1;Port=1;Timeout=2;Database=none;Username=none;Password=none"]);
        Assert.Equal(75, down.Code);
        Assert.Contains("temporary failure", down.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> ReceiveAsync(byte[] mail, string[] target)
    {
        var previous = Cli.StandardInput;
        Cli.StandardInput = () => new MemoryStream(mail);
        try { return await CommandLine.RunCapturedAsync(["mail", "receive", .. target]); }
        finally { Cli.StandardInput = previous; }
    }

    private static string[] Target(TestApp app) => app.PostgresConnectionString() is { } cs ? ["--data-dir", app.DataDirectory, "--database", cs] : ["--data-dir", app.DataDirectory];
}
