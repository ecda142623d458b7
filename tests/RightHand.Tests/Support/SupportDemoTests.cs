using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Platform.Demo;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support;

/// <summary>The demo shows a desk at work: half a year of tickets in both languages, answers, ratings and work waiting.</summary>
public sealed class SupportDemoTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheDemo_FillsTheSupportDesk(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await using (var scope = app.Scope())
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<DemoData>().LoadAsync(CultureInfo.GetCultureInfo("de"), default);
            Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors));
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.InRange(await db.Tickets.CountAsync(), 2000, 3500);
            Assert.True(await db.Tickets.CountAsync(t => t.Language == "en") > 100);
            Assert.True(await db.TicketMessages.CountAsync() > await db.Tickets.CountAsync() * 2);
            // Every state a desk sees on a working day.
            Assert.Equal(Enum.GetValues<TicketState>().Order(), (await db.Tickets.Select(t => t.State).Distinct().ToListAsync()).Order());
        }

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            // Waiting for IT or the owner always through an escalation; one fixed by IT waits for the assistant's reply.
            var waiting = await db.Tickets.Where(t => t.State == TicketState.WaitingForIt || t.State == TicketState.WaitingForOwner).Select(t => t.Id).ToListAsync();
            var escalated = await db.Escalations.Where(e => e.ResolvedAt == null).Select(e => e.TicketId).ToListAsync();
            Assert.NotEmpty(waiting);
            Assert.Equal(waiting.Order(), escalated.Order());
            Assert.Equal(1, await db.Escalations.CountAsync(e => e.Status == RightHand.Support.Escalations.EscalationStatus.Fixed));
            Assert.Equal(3, await db.SupportRules.CountAsync());
            Assert.Equal(1, await db.SupportMacros.CountAsync());
        }
        Assert.Contains("Terminwünsche zur Inhaberin", Html.Parse(await owner.Client.GetStringAsync("/support/rules")).Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(Html.Parse(await owner.Client.GetStringAsync("/support/it")).QuerySelectorAll("tbody tr"));

        var all = Html.Parse(await owner.Client.GetStringAsync("/support?view=all"));
        Assert.Matches(@"^\d+ tickets$", all.QuerySelector("[data-testid=count]")!.TextContent.Trim());
        Assert.Contains("Rechnung & Zahlung", all.Body!.TextContent, StringComparison.Ordinal);
        var search = Html.Parse(await owner.Client.GetStringAsync("/support?view=all&q=Lastschrift"));
        Assert.Contains("Lastschrift doppelt abgebucht", search.Body!.TextContent, StringComparison.Ordinal);

        var satisfaction = Html.Parse(await owner.Client.GetStringAsync("/support/satisfaction"));
        Assert.Matches(@"\d", satisfaction.QuerySelector("[data-testid=overall]")!.TextContent);
        Assert.NotEmpty(satisfaction.QuerySelectorAll("[data-testid=comments] li"));
        var overview = Html.Parse(await owner.Client.GetStringAsync("/support/overview"));
        Assert.NotEqual("0", overview.QuerySelector("[data-testid=opened]")!.TextContent.Trim());
        Assert.Contains("Passwort zurücksetzen", Html.Parse(await owner.Client.GetStringAsync("/support/answers")).Body!.TextContent, StringComparison.Ordinal);
    }
}
