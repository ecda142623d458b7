using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Mail;
using RightHand.Platform.Web;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Jobs;

/// <summary>
/// The real thing: the app as its own process, killed with SIGKILL in the middle of a job, and a new
/// process that takes the job up once the dead one's lease has run out.
/// </summary>
public sealed class CrashRecoveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task MailJob_OfAProcessKilledWithSigkill_IsDeliveredOnce_ByTheNextProcess(Engine engine)
    {
        var config = await TestApp.ConfigurationFor(engine);
        // A "mail server" that accepts connections and never answers: the first process hangs in the send.
        using var stall = new TcpListener(IPAddress.Loopback, 0);
        stall.Start();
        var stallPort = ((IPEndPoint)stall.LocalEndpoint).Port;
        var hung = stall.AcceptTcpClientAsync();
        await using var sink = await SmtpSink.StartAsync();

        await using var app = WebHost.Build(WebHost.CreateBuilder([], new Dictionary<string, string?>(config)
        {
            ["Jobs:Enabled"] = "false", ["Mail:SmtpHost"] = "127.0.0.1", ["Mail:SmtpPort"] = "25", ["Logging:LogLevel:Default"] = "Warning",
        }));
        await WebHost.MigrateAsync(app.Services);
        Guid mailId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var mail = await scope.ServiceProvider.GetRequiredService<Mailer>().QueueAsync(db, "kim@example.org", "Kim", "Nach dem Absturz", "Hallo Kim");
            await db.SaveChangesAsync();
            mailId = mail.Id;
        }

        using (var first = StartApp(config, stallPort))
        {
            try
            {
                using var connection = await hung.WaitAsync(Patience);
                var running = await JobAsync(app, mailId);
                Assert.Equal(JobState.Running, running.State);
                Assert.Contains($"/{first.Id}/", running.LeaseOwner, StringComparison.Ordinal);
            }
            finally
            {
                first.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs, the lease stays behind
                await first.WaitForExitAsync();
            }
        }
        Assert.Equal(JobState.Running, (await JobAsync(app, mailId)).State);

        using var second = StartApp(config, sink.Port);
        try
        {
            var received = await sink.WaitForMessagesAsync(1, Patience);
            var message = RightHand.Tests.Platform.Mail.MailMessageText.Parse(received[0]);
            Assert.Equal(("Nach dem Absturz", "Hallo Kim"), (message.Header("Subject"), message.Body.Trim()));
            var job = await WaitAsync(app, mailId, j => j.State == JobState.Succeeded);
            Assert.Equal(2, job.Attempts);
            await using var scope = app.Services.CreateAsyncScope();
            var mail = await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.AsNoTracking().SingleAsync(m => m.Id == mailId);
            Assert.Equal(MailState.Sent, mail.State);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Single(await sink.WaitForMessagesAsync(1, TimeSpan.FromSeconds(1)));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    /// <summary>Starts <c>righthand serve</c> from the app's own build output, configured through the environment as an operator would.</summary>
    private static Process StartApp(Dictionary<string, string?> config, int smtpPort)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(AppDll());
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{ProcessRunner.FreeTcpPort()}");
        info.Environment["RIGHTHAND_DATA_DIR"] = config["RIGHTHAND_DATA_DIR"];
        if (config.TryGetValue("ConnectionStrings:Postgres", out var pg) && pg is not null) info.Environment["ConnectionStrings__Postgres"] = pg;
        info.Environment["Mail__SmtpHost"] = "127.0.0.1";
        info.Environment["Mail__SmtpPort"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Mail__StartTls"] = "false";
        info.Environment["Jobs__LeaseSeconds"] = "3";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        // Drain the output so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>src/RightHand/bin/&lt;configuration&gt;/net10.0/righthand.dll, built with the solution in the same configuration as the tests.</summary>
    private static string AppDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RightHand.slnx"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "RightHand", "bin", configuration, testBin.Name, "righthand.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first; the app is started from its own output.", dll);
    }

    private static async Task<Job> JobAsync(WebApplication app, Guid mailId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var key = $"mail:{mailId}";
        return await db.Jobs.AsNoTracking().SingleAsync(j => j.IdempotencyKey == key);
    }

    private static async Task<Job> WaitAsync(WebApplication app, Guid mailId, Func<Job, bool> done)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = await JobAsync(app, mailId);
            if (done(job) || DateTime.UtcNow > until) return job;
            await Task.Delay(200);
        }
    }
}
