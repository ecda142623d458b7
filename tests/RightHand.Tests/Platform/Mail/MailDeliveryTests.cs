using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Mail;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Mail;

/// <summary>Outgoing mail: the outbox without SMTP, delivery by a job with SMTP (Postfix's smtp-sink as the server).</summary>
public sealed class MailDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Invite_WithoutSmtp_KeepsTheMailInTheOutbox_AndQueuesNoJob(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var link = await InviteAsync(app);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var mail = await db.OutgoingMails.AsNoTracking().SingleAsync();
        Assert.Equal((MailState.Outbox, "juergen@example.org", "Jürgen Müller"), (mail.State, mail.To, mail.ToName));
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(await db.Jobs.AsNoTracking().ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Invite_WithSmtp_IsDeliveredByTheSendJob_OnceOnly(Engine engine)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var app = await StartWithSmtpAsync(engine, sink);
        var link = await InviteAsync(app);
        OutgoingMail queued;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            queued = await db.OutgoingMails.AsNoTracking().SingleAsync();
            Assert.Equal(MailState.Queued, queued.State);
            Assert.Equal(Mailer.SendJobKind, (await db.Jobs.AsNoTracking().SingleAsync()).Kind);
        }

        var runner = app.Services.GetRequiredService<JobRunner>();
        Assert.True(await runner.RunOneAsync(CancellationToken.None));

        var received = MailMessageText.Parse((await sink.WaitForMessagesAsync(1, Patience)).Single());
        Assert.Equal(queued.MessageId, received.Header("Message-ID"));
        Assert.Equal(queued.Subject, received.Header("Subject"));
        Assert.Contains("Jürgen Müller", received.Header("To"), StringComparison.Ordinal);
        Assert.Contains("<juergen@example.org>", received.Header("To"), StringComparison.Ordinal);
        Assert.Contains("office@righthand.example", received.Header("From"), StringComparison.Ordinal);
        Assert.Contains(link, received.Body, StringComparison.Ordinal);
        Assert.Contains("Jürgen Müller", received.Body, StringComparison.Ordinal);

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var sent = await db.OutgoingMails.AsNoTracking().SingleAsync();
            Assert.Equal(MailState.Sent, sent.State);
            Assert.NotNull(sent.SentAt);
            Assert.Equal(JobState.Succeeded, (await db.Jobs.AsNoTracking().SingleAsync()).State);

            // The job runs again (a worker died after sending, before marking the job done): no second mail.
            await db.Jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Queued));
        }
        Assert.True(await runner.RunOneAsync(CancellationToken.None));
        await Assert.ThrowsAsync<TimeoutException>(() => sink.WaitForMessagesAsync(2, TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Mail_WithUmlautsInSubjectAndBody_ArrivesAsUtf8(Engine engine)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var app = await StartWithSmtpAsync(engine, sink);
        const string subject = "Grüße aus der Geschäftsstelle: Übersicht für Jürgen Weiß";
        const string body = "Sehr geehrter Herr Weiß,\n\nanbei die Übersicht – 1.234,56\u00A0€.\n";
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await scope.ServiceProvider.GetRequiredService<Mailer>().QueueAsync(db, "juergen@example.org", "Jürgen Weiß", subject, body);
            await db.SaveChangesAsync();
        }

        Assert.True(await app.Services.GetRequiredService<JobRunner>().RunOneAsync(CancellationToken.None));

        var raw = (await sink.WaitForMessagesAsync(1, Patience)).Single();
        Assert.DoesNotContain("Grüße", raw, StringComparison.Ordinal); // encoded on the wire, not raw 8-bit
        var received = MailMessageText.Parse(raw);
        Assert.Equal(subject, received.Header("Subject"));
        Assert.Equal(body, received.Body.TrimEnd('\n') + "\n");
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Mail_WhenTheServerIsDown_StaysQueuedWithTheError_AndFailsWithTheJobsLastAttempt(Engine engine)
    {
        var clock = new PlatformClock();
        // A port nobody listens on: the connection is refused.
        await using var app = await StartWithSmtpAsync(engine, "127.0.0.1", ProcessRunner.FreeTcpPort(), clock);
        await InviteAsync(app);
        var runner = app.Services.GetRequiredService<JobRunner>();

        Assert.True(await runner.RunOneAsync(CancellationToken.None));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var mail = await db.OutgoingMails.AsNoTracking().SingleAsync();
            Assert.Equal(MailState.Queued, mail.State);
            Assert.False(string.IsNullOrEmpty(mail.LastError));
            var job = await db.Jobs.AsNoTracking().SingleAsync();
            Assert.Equal((JobState.Queued, 1, clock.UtcNow + JobRunner.Backoff(1)), (job.State, job.Attempts, job.RunAfter));
            await db.Jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.MaxAttempts, 2));
        }

        clock.Advance(JobRunner.Backoff(1));
        Assert.True(await runner.RunOneAsync(CancellationToken.None));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.Equal(MailState.Failed, (await db.OutgoingMails.AsNoTracking().SingleAsync()).State);
            Assert.Equal(JobState.Failed, (await db.Jobs.AsNoTracking().SingleAsync()).State);
        }
    }

    [Fact]
    public async Task Mail_WithLineBreaksInNameAndSubject_IsSent_WithoutInjectingAHeader()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var app = await StartWithSmtpAsync(Engine.Sqlite, sink);
        await QueueAsync(app, "eve@example.org", "Eve\r\nBcc: victim@example.org", "Hello\r\nBcc: victim@example.org");

        Assert.True(await app.Services.GetRequiredService<JobRunner>().RunOneAsync(CancellationToken.None));

        var raw = (await sink.WaitForMessagesAsync(1, Patience)).Single();
        Assert.Equal(["X-Rcpt-Args: <eve@example.org>"], raw.Split('\n').Where(l => l.StartsWith("X-Rcpt-Args:", StringComparison.Ordinal)));
        Assert.DoesNotContain(raw.Split('\n'), l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Hello Bcc: victim@example.org", MailMessageText.Parse(raw).Header("Subject"));
    }

    [Fact]
    public async Task Mail_ThatCannotBeBuilt_IsMarkedFailedWithTheJobsLastAttempt_NotLeftQueued()
    {
        var clock = new PlatformClock();
        await using var app = await StartWithSmtpAsync(Engine.Sqlite, "127.0.0.1", ProcessRunner.FreeTcpPort(), clock);
        await QueueAsync(app, "not an address", null, "Hello");
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<AppDb>().Jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.MaxAttempts, 1));

        Assert.True(await app.Services.GetRequiredService<JobRunner>().RunOneAsync(CancellationToken.None));

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var mail = await db.OutgoingMails.AsNoTracking().SingleAsync();
            Assert.Equal(MailState.Failed, mail.State);
            Assert.False(string.IsNullOrEmpty(mail.LastError));
            Assert.Equal(JobState.Failed, (await db.Jobs.AsNoTracking().SingleAsync()).State);
        }
    }

    private static async Task QueueAsync(TestApp app, string to, string? toName, string subject)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await scope.ServiceProvider.GetRequiredService<Mailer>().QueueAsync(db, to, toName, subject, "Body");
        await db.SaveChangesAsync();
    }

    private static Task<TestApp> StartWithSmtpAsync(Engine engine, SmtpSink sink) => StartWithSmtpAsync(engine, sink.Host, sink.Port);

    private static Task<TestApp> StartWithSmtpAsync(Engine engine, string host, int port, TimeProvider? clock = null) =>
        TestApp.StartAsync(engine, new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false",
            ["Mail:SmtpHost"] = host,
            ["Mail:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:StartTls"] = "false",
            ["Mail:From"] = "office@righthand.example",
        }, clock);

    private static async Task<string> InviteAsync(TestApp app)
    {
        await using var scope = app.Scope();
        var (result, link) = await scope.ServiceProvider.GetRequiredService<AccessOperations>()
            .InviteAsync("Jürgen Müller", "juergen@example.org", Roles.Accountant, "de", null, "https://office.example");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return link!;
    }
}
