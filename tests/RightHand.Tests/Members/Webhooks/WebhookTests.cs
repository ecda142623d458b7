using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Members.Webhooks;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;
using static RightHand.Tests.Members.Api.SyncApi;

namespace RightHand.Tests.Members.Webhooks;

/// <summary>Webhooks against a real receiver on a local port: signed, retried with back-off, logged, resent; an erasure sends only the number.</summary>
public sealed class WebhookTests
{
    private static readonly Dictionary<string, string?> NoBackgroundWork = new() { ["Jobs:Enabled"] = "false" };

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Delivery_IsSigned_RetriedAfterA500WithBackOff_LoggedWithTheCodes_AndCanBeResent(Engine engine)
    {
        var clock = new ManualClock();
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var app = await TestApp.StartAsync(engine, NoBackgroundWork, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var added = await owner.Client.SubmitAsync("/members/webhooks", "add-webhook", new List<KeyValuePair<string, string>>
        {
            new("Input.Url", receiver.Url), new("Input.Events", "member.created"), new("Input.Events", "member.updated"),
        });
        var secret = Html.Parse(await added.Content.ReadAsStringAsync()).QuerySelector("[data-testid=webhook-secret]")?.TextContent;
        Assert.NotNull(secret);
        // Shown once: neither the page later nor the audit trail has it.
        Assert.DoesNotContain(secret, await owner.Client.GetStringAsync("/members/webhooks"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await owner.Client.GetStringAsync("/audit/export.csv"), StringComparison.Ordinal);
        using var api = await ClientAsync(app);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(api, "EXT-7", Member("Becker", "jonas@example.org"))).StatusCode);

        Assert.Equal(1, await DispatchAsync(app));
        Assert.True(await RunJobAsync(app));
        Assert.False(await RunJobAsync(app)); // the retry waits a minute
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await RunJobAsync(app));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await RunJobAsync(app));

        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            var parts = request.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{request.Body}")));
            Assert.Equal(expected, parts["v1"]);
            Assert.Equal("member.created", request.Event);
        }
        // The timestamp is the sending time: the retry's is a minute later.
        Assert.InRange(long.Parse(Stamp(requests[1]), CultureInfo.InvariantCulture) - long.Parse(Stamp(requests[0]), CultureInfo.InvariantCulture), 60, 62);
        var body = JsonDocument.Parse(requests[1].Body).RootElement;
        Assert.Equal(requests[1].Delivery, body.GetProperty("id").GetString());
        Assert.Equal(requests[0].Delivery, requests[1].Delivery);
        Assert.Equal("member.created", body.GetProperty("event").GetString());
        Assert.Equal("EXT-7", body.GetProperty("member").GetProperty("number").GetString());
        Assert.Equal("jonas@example.org", body.GetProperty("member").GetProperty("email").GetString());

        Guid hook, delivery;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var sent = await db.WebhookDeliveries.SingleAsync();
            (hook, delivery) = (sent.WebhookId, sent.Id);
            Assert.Equal(DeliveryState.Delivered, sent.State);
        }
        var log = Html.Parse(await owner.Client.GetStringAsync($"/members/webhooks/{hook}"));
        Assert.Equal(["500", "200"], log.QuerySelectorAll("[data-attempt-status]").Select(a => a.GetAttribute("data-attempt-status")));
        Assert.Contains("receiver is down", log.QuerySelector(".attempts")!.TextContent, StringComparison.Ordinal);

        var resent = await owner.Client.SubmitAsync($"/members/webhooks/{hook}", $"resend-{delivery}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.True(await RunJobAsync(app));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal(delivery.ToString(), receiver.Requests.Last().Delivery);
        log = Html.Parse(await owner.Client.GetStringAsync($"/members/webhooks/{hook}"));
        Assert.Equal(["500", "200", "200"], log.QuerySelectorAll("[data-attempt-status]").Select(a => a.GetAttribute("data-attempt-status")));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ErasedEvent_SendsOnlyTheNumber_EventsNotChosenAreNotSent_AndFailuresEndAfterTheLastRetry(Engine engine)
    {
        var clock = new ManualClock();
        await using var receiver = await WebhookReceiver.StartAsync(503, 503, 503, 503, 503, 503);
        await using var app = await TestApp.StartAsync(engine, NoBackgroundWork, clock);
        await using (var scope = app.Scope())
        {
            var registry = scope.ServiceProvider.GetRequiredService<WebhookRegistry>();
            var (refused, _) = await registry.AddAsync("http://platform.example.org/hooks", ["member.erased"], null);
            Assert.Equal(["Address: use https://; plain http:// only for this machine or a private network."], refused.Errors);
            var (result, _) = await registry.AddAsync(receiver.Url, ["member.erased"], null);
            Assert.True(result.Succeeded);
        }
        using var api = await ClientAsync(app);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(api, "EXT-9", Member("Krause", "krause@example.org"))).StatusCode);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            MemberEvents.Add(db, await db.Members.SingleAsync(), MemberEventKind.Erased, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await DispatchAsync(app));
        Assert.Equal(0, await DispatchAsync(app));
        Assert.True(await RunJobAsync(app));
        foreach (var wait in WebhookSender.Retries)
        {
            clock.Advance(wait);
            Assert.True(await RunJobAsync(app));
        }
        clock.Advance(TimeSpan.FromDays(2));
        Assert.False(await RunJobAsync(app));

        Assert.Equal(6, receiver.Requests.Count);
        var member = JsonDocument.Parse(receiver.Requests.First().Body).RootElement.GetProperty("member");
        Assert.Equal("{\"number\":\"EXT-9\"}", member.GetRawText());
        Assert.All(receiver.Requests, r => Assert.Equal("member.erased", r.Event));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var delivery = await db.WebhookDeliveries.SingleAsync();
            Assert.Equal(DeliveryState.Failed, delivery.State);
            Assert.Equal(503, delivery.LastStatusCode);
            Assert.Equal(6, await db.WebhookAttempts.CountAsync(a => a.StatusCode == 503));
        }
    }

    private static string Stamp(WebhookReceiver.Received request) => request.Signature.Split(',')[0]["t=".Length..];

    private static async Task<int> DispatchAsync(TestApp app)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().DispatchAsync();
    }

    private static Task<bool> RunJobAsync(TestApp app) =>
        app.Services.GetRequiredService<JobRunner>().RunOneAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
}
