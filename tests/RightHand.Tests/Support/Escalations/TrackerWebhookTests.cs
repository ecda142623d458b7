using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Members.Webhooks;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Support;
using RightHand.Support.Escalations;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Members.Webhooks;
using Xunit;
using static RightHand.Tests.Members.Api.SyncApi;

namespace RightHand.Tests.Support.Escalations;

/// <summary>IT's tracker told about escalations by a signed webhook against a real receiver on a local port; status updates come back by PATCH.</summary>
public sealed class TrackerWebhookTests
{
    private static readonly Dictionary<string, string?> NoBackgroundWork = new() { ["Jobs:Enabled"] = "false", ["PublicUrl"] = "https://desk.example.org" };

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Escalation_AndStatusChange_EachSendOneSignedDelivery_RetriedWhenTheTrackerIsDown(Engine engine)
    {
        var clock = new ManualClock();
        // The first delivery is taken; the second finds the tracker down once.
        await using var receiver = await WebhookReceiver.StartAsync(200, 503);
        await using var app = await TestApp.StartAsync(engine, NoBackgroundWork, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var refused = await owner.Client.SubmitAsync("/support/settings", "it-tracker", new Dictionary<string, string> { ["TrackerUrl"] = "http://tracker.example.org/hooks" });
        Assert.Contains("Address: use https://; plain http:// only for this machine or a private network.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await owner.Client.SubmitAsync("/support/settings", "it-tracker", new Dictionary<string, string> { ["TrackerUrl"] = receiver.Url });
        var secret = Html.Parse(await saved.Content.ReadAsStringAsync()).QuerySelector("[data-testid=tracker-secret]")?.TextContent;
        Assert.NotNull(secret);
        // Shown once: neither the settings page later nor the audit trail has it, and the member webhooks page does not list the tracker.
        Assert.DoesNotContain(secret, await owner.Client.GetStringAsync("/support/settings"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await owner.Client.GetStringAsync("/audit/export.csv"), StringComparison.Ordinal);
        Assert.DoesNotContain(receiver.Url, await owner.Client.GetStringAsync("/members/webhooks"), StringComparison.Ordinal);

        var member = await SupportPages.MemberAsync(app, owner.PersonId, "Anna", "Schmidt", "anna@example.org");
        var ticket = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(member.Id, null), "Cannot sign in", "The button does nothing."));
        await SupportPages.SentAsync(await EscalationPages.EscalateToItAsync(owner.Client, ticket.Number, EscalationPages.Report()),
            $"/support/tickets/{ticket.Number}?done=changed");
        Guid id;
        await using (var scope = app.Scope())
            id = (await scope.ServiceProvider.GetRequiredService<AppDb>().Escalations.SingleAsync()).Id;
        await RunDueJobsAsync(app);

        var created = Assert.Single(receiver.Requests);
        Assert.Equal("escalation.created", created.Event);
        AssertSigned(created, secret);
        var body = JsonDocument.Parse(created.Body).RootElement;
        Assert.Equal(created.Delivery, body.GetProperty("id").GetString());
        Assert.Equal("escalation.created", body.GetProperty("event").GetString());
        Assert.Equal("escalated", body.GetProperty("change").GetProperty("kind").GetString());
        var escalation = body.GetProperty("escalation");
        Assert.Equal(id.ToString(), escalation.GetProperty("id").GetString());
        Assert.Equal(ticket.Number, escalation.GetProperty("ticketNumber").GetInt64());
        Assert.Equal(("new", "high"), (escalation.GetProperty("status").GetString(), escalation.GetProperty("severity").GetString()));
        Assert.Equal("Login button does nothing", escalation.GetProperty("summary").GetString());
        Assert.Equal("1. Open the app\n2. Tap Login", escalation.GetProperty("stepsToReproduce").GetString());
        Assert.Equal(("The sign-in form opens", "Nothing happens"), (escalation.GetProperty("expected").GetString(), escalation.GetProperty("actual").GetString()));
        Assert.Equal("iPhone 13, iOS 17.4, app 2.3.1", escalation.GetProperty("environment").GetString());
        Assert.Equal(member.Number, escalation.GetProperty("affectedMemberNumber").GetString());
        Assert.Equal($"https://desk.example.org/support/escalations/{id}", escalation.GetProperty("links").GetProperty("page").GetString());
        Assert.Equal($"https://desk.example.org/api/v1/escalations/{id}", escalation.GetProperty("links").GetProperty("api").GetString());
        // The member by number only: no name, no address leaves for the tracker.
        Assert.DoesNotContain("Schmidt", created.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("anna@example.org", created.Body, StringComparison.Ordinal);

        // The tracker sends its fix back by PATCH; the change goes out as the next delivery, retried a minute after the tracker was down.
        using var api = await ClientAsync(app, Roles.It);
        // A refused update changes nothing, so it sends nothing: not even for the reference sent along.
        var refusedPatch = await api.PatchAsync($"/api/v1/escalations/{id}", JsonContent.Create(new JsonObject { ["status"] = "fixed", ["externalReference"] = "JIRA-1" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedPatch.StatusCode);
        Assert.Equal(1, await DeliveriesAsync(app));
        var patched = await api.PatchAsync($"/api/v1/escalations/{id}", JsonContent.Create(new JsonObject { ["status"] = "fixed", ["note"] = "Fixed in 2.3.2." }));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        await RunDueJobsAsync(app);
        Assert.Equal(2, receiver.Requests.Count);
        clock.Advance(TimeSpan.FromSeconds(61));
        await RunDueJobsAsync(app);
        var updates = receiver.Requests.Skip(1).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Equal(updates[0].Delivery, updates[1].Delivery);
        Assert.NotEqual(created.Delivery, updates[1].Delivery);
        AssertSigned(updates[1], secret);
        Assert.Equal("escalation.updated", updates[1].Event);
        var update = JsonDocument.Parse(updates[1].Body).RootElement;
        Assert.Equal(("fixed", "Fixed in 2.3.2.", true), (update.GetProperty("change").GetProperty("kind").GetString(),
            update.GetProperty("change").GetProperty("text").GetString(), update.GetProperty("change").GetProperty("byTracker").GetBoolean()));
        Assert.Equal("fixed", update.GetProperty("escalation").GetProperty("status").GetString());

        // The owner sees both in the tracker's delivery log: the first taken at once, the second after a 503.
        Guid hook;
        await using (var scope = app.Scope())
            hook = (await scope.ServiceProvider.GetRequiredService<AppDb>().Webhooks.SingleAsync()).Id;
        var log = Html.Parse(await owner.Client.GetStringAsync($"/members/webhooks/{hook}"));
        Assert.Equal(["200", "200", "503"], log.QuerySelectorAll("[data-attempt-status]").Select(a => a.GetAttribute("data-attempt-status")).Order());
        Assert.Contains("escalation.updated", log.QuerySelector(".webhook-log")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task WithoutATrackerAddress_OrSwitchedOff_NothingIsQueued(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, NoBackgroundWork);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var first = await SupportPages.OpenByMailAsync(app, "anna@example.org", "App crashes");
        await SupportPages.SentAsync(await EscalationPages.EscalateToItAsync(owner.Client, first.Number, EscalationPages.Report()), $"/support/tickets/{first.Number}?done=changed");
        Assert.Equal(0, await DeliveriesAsync(app));

        await owner.Client.SubmitAsync("/support/settings", "it-tracker", new Dictionary<string, string> { ["TrackerUrl"] = "https://tracker.example.org/hooks" });
        var second = await SupportPages.OpenByMailAsync(app, "paul@example.org", "Login broken");
        await SupportPages.SentAsync(await EscalationPages.EscalateToItAsync(owner.Client, second.Number, EscalationPages.Report()), $"/support/tickets/{second.Number}?done=changed");
        Assert.Equal(1, await DeliveriesAsync(app));

        var off = await owner.Client.SubmitAsync("/support/settings", "it-tracker-off", new Dictionary<string, string>());
        Assert.Contains("Escalations are no longer sent to a tracker.", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(Html.Parse(await owner.Client.GetStringAsync("/support/settings")).QuerySelector("[data-testid=tracker-log]"));
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var escalation = await db.Escalations.OrderBy(e => e.CreatedAt).FirstAsync();
        Assert.True((await scope.ServiceProvider.GetRequiredService<EscalationDesk>().SetStatusAsync(escalation.Id, owner.PersonId, EscalationStatus.Confirmed, null)).Succeeded);
        Assert.False(await db.Webhooks.AnyAsync());
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync());
        // Only the job of the deleted delivery is left; it finds nothing to send.
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Kind == WebhookSender.JobKind));
    }

    private static void AssertSigned(WebhookReceiver.Received request, string secret)
    {
        var parts = request.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{request.Body}")));
        Assert.Equal(expected, parts["v1"]);
    }

    private static async Task<int> DeliveriesAsync(TestApp app)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().WebhookDeliveries.CountAsync();
    }

    /// <summary>Runs every job that is due now (mails and others included); the retries wait for the clock.</summary>
    private static async Task RunDueJobsAsync(TestApp app)
    {
        var runner = app.Services.GetRequiredService<JobRunner>();
        for (var i = 0; i < 50 && await runner.RunOneAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token); i++) { }
    }
}
