using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Support.Sla;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Sla;

/// <summary>The owner sets business hours, holidays and targets on /support/sla; wrong input is named and changes nothing.</summary>
public sealed class SlaSettingsPageTests
{
    private static readonly Guid Billing = Guid.Parse("0196c1d2-0000-7000-8000-000000000001");

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SavedSettings_ShowAgain_AndGiveTicketsTheirDueTimes(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);

        // A new installation shows office hours and the default targets.
        var page = await Html.GetAsync(owner.Client, "/support/sla");
        Assert.Equal("09:00-17:00", Value(page, "Input.Hours[Monday]"));
        Assert.Equal("", Value(page, "Input.Hours[Saturday]"));
        Assert.Equal(("1", "8"), (Value(page, "Input.FirstResponse[Urgent]"), Value(page, "Input.Resolution[Urgent]")));
        Assert.Contains("No federal state chosen", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("open 40 hours a week", page.QuerySelector("[data-testid=sla-status]")!.TextContent, StringComparison.Ordinal);

        var response = await owner.Client.SubmitAsync("/support/sla", "sla", Form(monday: "08:00-12:00, 13:00-16:30", urgentFirst: "0,5", urgentResolution: "4",
            closed: "2026-12-24\n31.12.2026", categories: $"{Billing}; urgent; 0.25; 2"));
        Assert.Equal("/support/sla?done=saved", Html.Location(response));

        page = await Html.GetAsync(owner.Client, "/support/sla?done=saved");
        Assert.Contains("Service levels saved.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("08:00-12:00, 13:00-16:30", Value(page, "Input.Hours[Monday]"));
        Assert.Contains("Bavaria · open 39.5 hours a week", page.QuerySelector("[data-testid=sla-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("BY", page.QuerySelector("#sla-state option[selected]")!.GetAttribute("value"));
        Assert.Equal("Europe/Berlin", page.QuerySelector("#sla-zone option[selected]")!.GetAttribute("value"));
        Assert.Equal(("0.5", "4"), (Value(page, "Input.FirstResponse[Urgent]"), Value(page, "Input.Resolution[Urgent]")));
        Assert.Equal("2026-12-24\n2026-12-31", page.QuerySelector("#sla-closed")!.TextContent.Trim());
        Assert.Equal($"{Billing}; Urgent; 0.25; 2", page.QuerySelector("#sla-categories")!.TextContent.Trim());
        // Bavaria's holidays of this year and the next are listed.
        var year = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, SlaCalendars.Berlin).Year;
        var holidays = page.QuerySelector($"[data-testid=holidays-{year}]")!.TextContent;
        Assert.Contains("Epiphany", holidays, StringComparison.Ordinal);
        Assert.Contains("Corpus Christi", holidays, StringComparison.Ordinal);
        Assert.DoesNotContain("Reformation Day", holidays, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"[data-testid=holidays-{year + 1}]"));

        // The ticket side gets the same policy: Monday 12 January 2026, 10:00 CET, with the lunch break from 12:00.
        await using var scope = app.Scope();
        var policy = await scope.ServiceProvider.GetRequiredService<SlaSettings>().PolicyAsync();
        var monday = new DateTime(2026, 1, 12, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal((monday.AddMinutes(30), monday.AddHours(5)), policy.DueTimes("Urgent", null, monday));   // 10–12 and 13–15 CET
        Assert.Equal((monday.AddMinutes(15), monday.AddHours(2)), policy.DueTimes("Urgent", Billing, monday)); // 10–12 CET, just before the break
        Assert.True(policy.Calendar.IsClosedDay(new DateOnly(2026, 1, 6)));
        Assert.True(policy.Calendar.IsClosedDay(new DateOnly(2026, 12, 31)));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task WrongInput_IsNamedFieldByField_AndChangesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync("/support/sla", "sla", Form())).StatusCode);
        var before = await SettingsAsync(app);

        var response = await owner.Client.SubmitAsync("/support/sla", "sla", Form(monday: "17:00-09:00", urgentFirst: "2", urgentResolution: "1",
            closed: "soon", categories: $"{Billing}; Critical; 1; 2", zone: "Mars/Olympus"));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var alert = page.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Opening hours on Monday: each interval must end after it starts.", alert, StringComparison.Ordinal);
        Assert.Contains("Resolution for urgent: the target must not be shorter than the first response target.", alert, StringComparison.Ordinal);
        Assert.Contains("Closed dates: soon is not a date", alert, StringComparison.Ordinal);
        Assert.Contains("Category targets, line 1: Critical is not a priority", alert, StringComparison.Ordinal);
        Assert.Contains("Time zone: choose a time zone from the list.", alert, StringComparison.Ordinal);
        // What was typed stays in the form to be corrected.
        Assert.Equal("17:00-09:00", Value(page, "Input.Hours[Monday]"));
        Assert.Equal(before, await SettingsAsync(app));

        // A post that lacks fields (not from the page) gets errors too, not a failure.
        var partial = await owner.Client.SubmitAsync("/support/sla", "sla", new Dictionary<string, string> { ["Input.TimeZone"] = "Europe/Berlin" });
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Contains("First response for urgent: enter business hours", Html.Parse(await partial.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // A week without a single open hour, and targets the opening hours cannot hold, are refused too.
        var closed = Form(monday: "", tuesday: "", rest: "");
        var none = await owner.Client.SubmitAsync("/support/sla", "sla", closed);
        Assert.Contains("Opening hours: open on at least one day of the week.", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tiny = await owner.Client.SubmitAsync("/support/sla", "sla", Form(monday: "09:00-09:01", tuesday: "", rest: ""));
        Assert.Contains("Targets: the opening hours hold less than 80 business hours in a year", await tiny.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SettingsAsync(app));
    }

    [Fact]
    public async Task ThePage_SpeaksGerman()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        owner.Client.DefaultRequestHeaders.AcceptLanguage.Clear();
        owner.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        await owner.Client.SubmitAsync("/support/sla", "sla", Form());
        var page = await Html.GetAsync(owner.Client, "/support/sla");
        Assert.Equal("Service-Level", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Heilige Drei Könige", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Bayern", page.QuerySelector("#sla-state option[selected]")!.TextContent);
        var error = await owner.Client.SubmitAsync("/support/sla", "sla", Form(monday: "9-17"));
        Assert.Contains("Öffnungszeiten am Montag: Schreiben Sie Zeiten als 09:00-17:00", Html.Parse(await error.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsChangedByHandInTheDatabase_FallBackToTheDefaults_InsteadOfStoppingDueTimes()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.Settings.AddRange(
            new Setting { Key = "sla.hours", Value = "Monday=whenever" },
            new Setting { Key = "sla.targets", Value = "Urgent=0/0" },
            new Setting { Key = "sla.federal_state", Value = "XX" },
            new Setting { Key = "sla.closed_dates", Value = "2026-01-13, someday" });
        await db.SaveChangesAsync();

        var setup = await scope.ServiceProvider.GetRequiredService<SlaSettings>().LoadAsync();
        Assert.Equal("09:00-17:00", SlaFormat.Hours(setup.Hours[DayOfWeek.Monday]));
        Assert.Equal(SlaPolicy.DefaultTargets["Urgent"], setup.Targets["Urgent"]);
        Assert.Null(setup.State);
        Assert.Equal([new DateOnly(2026, 1, 13)], setup.ClosedDates);
        // High from Monday 12 January 2026, 16:00 CET: one hour on Monday, Tuesday closed, three on Wednesday until 12:00 CET.
        Assert.Equal(new DateTime(2026, 1, 14, 11, 0, 0, DateTimeKind.Utc), setup.Policy().DueTimes("High", null, new DateTime(2026, 1, 12, 15, 0, 0, DateTimeKind.Utc)).FirstResponseDue);
    }

    /// <summary>Every field of the form, as a browser posts it: office hours Monday to Friday (Wednesday to Friday as <paramref name="rest"/>) in Bavaria, the default targets.</summary>
    private static Dictionary<string, string> Form(string monday = "09:00-17:00", string tuesday = "09:00-17:00", string urgentFirst = "1", string urgentResolution = "8",
        string closed = "", string categories = "", string zone = "Europe/Berlin", string rest = "09:00-17:00")
    {
        var form = new Dictionary<string, string>
        {
            ["Input.TimeZone"] = zone, ["Input.State"] = "BY", ["Input.ClosedDates"] = closed, ["Input.CategoryTargets"] = categories,
            ["Input.Hours[Monday]"] = monday, ["Input.Hours[Tuesday]"] = tuesday, ["Input.Hours[Saturday]"] = "", ["Input.Hours[Sunday]"] = "",
            ["Input.FirstResponse[Urgent]"] = urgentFirst, ["Input.Resolution[Urgent]"] = urgentResolution,
            ["Input.FirstResponse[High]"] = "4", ["Input.Resolution[High]"] = "16", ["Input.FirstResponse[Normal]"] = "8", ["Input.Resolution[Normal]"] = "40",
            ["Input.FirstResponse[Low]"] = "16", ["Input.Resolution[Low]"] = "80",
        };
        foreach (var day in new[] { "Wednesday", "Thursday", "Friday" }) form[$"Input.Hours[{day}]"] = rest;
        return form;
    }

    private static string? Value(AngleSharp.Dom.IDocument page, string name) => page.QuerySelector($"input[name='{name}']")?.GetAttribute("value") ?? "";

    private static async Task<Dictionary<string, string>> SettingsAsync(TestApp app)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return await db.Settings.Where(s => s.Key.StartsWith("sla.")).ToDictionaryAsync(s => s.Key, s => s.Value);
    }
}
