using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Support.Inbound;
using Xunit;

namespace RightHand.Tests.Support.Presence;

/// <summary>Two staff people on the same ticket: each sees the other viewing or typing; someone who left drops out; crossing replies are caught.</summary>
public sealed class TicketPresenceTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TwoStaffOnOneTicket_SeeEachOtherViewingAndTyping_AndWhoLeftDropsOutAfterHalfAMinute(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        await SupportPages.OpenByMailAsync(app, "anna@example.org", "Cannot sign in");

        var ownersPage = await Html.GetAsync(owner.Client, "/support/tickets/10001");
        Assert.Empty(ownersPage.QuerySelectorAll("[data-testid=presence] li"));
        // The assistant opens the page and sees the owner there; the owner's next beat sees the assistant.
        var assistantsPage = await Html.GetAsync(assistant.Client, "/support/tickets/10001");
        Assert.StartsWith("Olivia Owner is viewing this ticket (since ", assistantsPage.QuerySelectorAll("[data-testid=presence] li").Single().TextContent, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(10));
        var seen = await BeatAsync(owner.Client, ownersPage, "typing");
        Assert.Equal(("viewing", assistant.Name), ((string)seen.Single()!["state"]!, (string)seen.Single()!["name"]!));
        Assert.Equal([("typing", "Olivia Owner is typing a reply")], (await BeatAsync(assistant.Client, assistantsPage, "viewing"))
            .Select(p => ((string)p!["state"]!, (string)p["text"]!)));

        // The owner stops typing, then closes the page: a beat without typing shows her viewing, and half a minute later she is gone.
        clock.Advance(TimeSpan.FromSeconds(10));
        await BeatAsync(owner.Client, ownersPage, "viewing");
        Assert.Equal(["viewing"], (await BeatAsync(assistant.Client, assistantsPage, "viewing")).Select(p => (string)p!["state"]!));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Empty(await BeatAsync(assistant.Client, assistantsPage, "viewing"));

        // Without the page's antiforgery token the heartbeat is refused.
        var forged = await assistant.Client.PostAsync("/support/tickets/10001/presence", new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "typing" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Reply_WhenSomeoneRepliedSinceThePageWasLoaded_IsHeldWithAWarningAndTheDraftKept_SendingAgainSends(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        await SupportPages.OpenByMailAsync(app, "anna@example.org", "Cannot sign in");

        var stale = await Html.GetAsync(owner.Client, "/support/tickets/10001");
        clock.Advance(TimeSpan.FromMinutes(1));
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(assistant.Client, 10001, "I have sent a reset link."), "/support/tickets/10001?done=reply");
        clock.Advance(TimeSpan.FromMinutes(1));

        var held = await PostFromAsync(owner.Client, stale, "Please use the reset link.");
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var page = Html.Parse(await held.Content.ReadAsStringAsync());
        Assert.Contains($"{assistant.Name} replied meanwhile", page.QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Please use the reset link.", page.QuerySelector("#m-body")!.TextContent);
        Assert.Equal(1, await ReceivedMail.QueryAsync(app, db => db.TicketMessages.CountAsync(m => m.Kind == TicketMessageKind.Reply)));

        // The page now shows the new reply; sending again goes through, and the owner's own reply warns nobody.
        await SupportPages.SentAsync(await PostFromAsync(owner.Client, page, "Please use the reset link."), "/support/tickets/10001?done=reply");
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(owner.Client, 10001, "And tell us if it works."), "/support/tickets/10001?done=reply");
        Assert.Equal(3, await ReceivedMail.QueryAsync(app, db => db.TicketMessages.CountAsync(m => m.Kind == TicketMessageKind.Reply)));
    }

    /// <summary>One heartbeat as the page's script sends it, with the page's antiforgery token; the others present.</summary>
    private static async Task<JsonArray> BeatAsync(HttpClient client, AngleSharp.Dom.IDocument page, string state)
    {
        var token = page.QuerySelector("[data-presence] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync(page.QuerySelector("[data-presence]")!.GetAttribute("data-presence"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = state, ["__RequestVerificationToken"] = token }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    /// <summary>Posts the reply form of a page loaded earlier, as a browser tab left open does.</summary>
    private static async Task<HttpResponseMessage> PostFromAsync(HttpClient client, AngleSharp.Dom.IDocument page, string body)
    {
        var form = page.QuerySelectorAll("form").First(f => f.QuerySelector("input[name=_handler][value='message']") is not null);
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null))
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        content.Add(new StringContent(body), "Message.Body");
        content.Add(new StringContent("reply"), "Message.Kind");
        return await client.PostAsync("/support/tickets/10001", content);
    }
}
