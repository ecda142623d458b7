using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Support;
using RightHand.Support.Search;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Search;

/// <summary>The ticket list's search box over subjects and every message, on the engine's own full-text index.</summary>
public sealed class TicketSearchTests
{
    private static async Task<List<string>> SearchAsync(HttpClient client, string query) =>
        (await Html.GetAsync(client, "/support?q=" + Uri.EscapeDataString(query))).QuerySelectorAll("tr[data-ticket]").Select(r => r.GetAttribute("data-ticket")!).ToList();

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Words_FindTicketsBySubjectOrAnyMessage_WithGermanAndEnglishEndings_UmlautsAndNotes(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        await SupportPages.OpenByMailAsync(app, "anna@example.org", "Rechnung fehlt", "Ich möchte meine Rechnung für März haben.");   // 10001
        clock.Advance(TimeSpan.FromMinutes(1));
        await SupportPages.OpenByMailAsync(app, "bob@example.org", "Money back", "I would like a refund for my membership.");          // 10002
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(null, "carla@example.org"), "Kündigung",
            "Ich möchte zum Jahresende kündigen.", Priority: TicketPriority.High));                                                         // 10003
        clock.Advance(TimeSpan.FromMinutes(1));
        await SupportPages.OpenByMailAsync(app, "dave@example.org", "Login problem", "After \"DROP TABLE tickets; --\" NEAR(a b) OR * my login broke."); // 10004
        clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = app.Scope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<TicketDesk>();
            Assert.True((await desk.AddRequesterMessageAsync(third.Id, "Außerdem wurde die Überweisung doppelt gebucht.", TicketChannel.Email)).Succeeded);
            Assert.True((await desk.AddNoteAsync(third.Id, owner.PersonId, "Buchhaltung fragen: Stornobeleg anfordern.")).Succeeded);
        }

        // Stemming: a plural finds the singular, in German and in English.
        Assert.Equal(["10001"], await SearchAsync(assistant.Client, "Rechnungen"));
        Assert.Equal(["10002"], await SearchAsync(assistant.Client, "refunds"));
        // Umlauts: written with or without them; the subject and a second message are both searched.
        Assert.Equal(["10003"], await SearchAsync(assistant.Client, "Kündigung"));
        Assert.Equal(["10003"], await SearchAsync(assistant.Client, "Überweisungen"));
        // A word only in an internal note finds the ticket: staff search their own notes.
        Assert.Equal(["10003"], await SearchAsync(assistant.Client, "Stornobeleg"));
        // Several matches come by last activity (the third ticket's second message is the newest), and filters still apply.
        Assert.Equal(["10003", "10001"], await SearchAsync(assistant.Client, "möchte"));
        Assert.Equal(["10003"], (await Html.GetAsync(assistant.Client, "/support?priority=high&q=" + Uri.EscapeDataString("möchte")))
            .QuerySelectorAll("tr[data-ticket]").Select(r => r.GetAttribute("data-ticket")!));
        // All words must match.
        Assert.Equal(["10001"], await SearchAsync(assistant.Client, "Rechnung März"));
        Assert.Empty(await SearchAsync(assistant.Client, "Rechnung refund"));
        Assert.Empty(await SearchAsync(assistant.Client, "Zahnrad"));
        // Query syntax of SQL, FTS5 and tsquery is only text: no error, and the words in it still find the ticket.
        Assert.Equal(["10004"], await SearchAsync(assistant.Client, "DROP TABLE tickets; --"));
        Assert.Equal(["10004"], await SearchAsync(assistant.Client, "\" OR * NEAR("));
        Assert.Empty(await SearchAsync(assistant.Client, "'); DELETE FROM tickets; \"*^"));
        Assert.Equal(4, (await SearchAsync(assistant.Client, "")).Count);
        // A number finds that ticket; one or two letters search the subjects only.
        Assert.Equal(["10002"], await SearchAsync(assistant.Client, "#10002"));
        Assert.Equal(["10004"], await SearchAsync(assistant.Client, "Lo"));
        Assert.Empty(await SearchAsync(assistant.Client, "%"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheIndexFollowsChangedSubjectsAndMessages_AndDeletedTickets(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var first = await SupportPages.OpenByMailAsync(app, "anna@example.org", "Kontoauszug", "Mein Passwort ist Sonnenblume.");
        var second = await SupportPages.OpenByMailAsync(app, "bob@example.org", "Beitrag", "Der Beitrag wurde doppelt abgebucht.");
        Assert.Equal(["10001"], await SearchAsync(assistant.Client, "Sonnenblume"));

        // What erasure or an edit does to the text: the old words are no longer found, the new ones are.
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>();
            await db.TicketMessages.Where(m => m.TicketId == first.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Body, "[gelöscht]"));
            await db.Tickets.Where(t => t.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Subject, "Datenschutzanfrage"));
        }
        Assert.Empty(await SearchAsync(assistant.Client, "Sonnenblume"));
        Assert.Empty(await SearchAsync(assistant.Client, "Kontoauszug"));
        Assert.Equal(["10001"], await SearchAsync(assistant.Client, "gelöscht"));
        Assert.Equal(["10001"], await SearchAsync(assistant.Client, "Datenschutzanfragen"));

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>();
            await db.Tickets.Where(t => t.Id == second.Id).ExecuteDeleteAsync();
        }
        Assert.Empty(await SearchAsync(assistant.Client, "abgebucht"));
        Assert.Equal(["10001"], await SearchAsync(assistant.Client, "#10001"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ARareWord_IsCollectedFromTheIndex_ACommonOneFromTheList_AndBothFindTheSame(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, clock);
        await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var common = await SupportPages.OpenByMailAsync(app, "anna@example.org", "Beitrag", "Der Beitrag wurde doppelt abgebucht.");        // 10001
        clock.Advance(TimeSpan.FromMinutes(1));
        await SupportPages.OpenByMailAsync(app, "bob@example.org", "Ausflug", "Wir fahren mit der Zahnradbahn auf den Berg.");               // 10002
        clock.Advance(TimeSpan.FromMinutes(1));
        await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(null, "carla@example.org"), "Zahnradbahn gesperrt",
            "Bitte prüfen, ob die Fahrt stattfindet.", Priority: TicketPriority.High));                                                      // 10003
        // SQLite counts tickets: this many more make the word common there (10004 and on).
        for (var i = 0; i < TicketSearch.RareTickets; i++) await SupportPages.OpenByMailAsync(app, $"m{i}@example.org", "Beitrag erhöht", "Warum?");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>();
            // PostgreSQL counts messages: these make the word common there.
            db.TicketMessages.AddRange(Enumerable.Range(1, 1000).Select(i => new TicketMessage
            {
                TicketId = common.Id, Kind = TicketMessageKind.FromRequester, FromAddress = "anna@example.org", Body = $"Der Beitrag für {i} ist doppelt.",
                CreatedAt = common.CreatedAt.AddSeconds(i), Channel = TicketChannel.Email,
            }));
            await db.SaveChangesAsync();
            // The planner's statistics, as autovacuum would gather them.
            if (engine == Engine.Postgres) await db.Database.ExecuteSqlRawAsync("ANALYZE ticket_messages; ANALYZE tickets");

            Assert.True(await TicketSearch.IsRareAsync(db, "Zahnradbahn"));
            Assert.False(await TicketSearch.IsRareAsync(db, "Beitrag"));
            Assert.False(await TicketSearch.IsRareAsync(db, "#10002"));
            // Collected from the index or asked per ticket, a search finds the same tickets: subjects, messages, query syntax.
            foreach (var query in new[] { "Zahnradbahn", "Zahnradbahnen", "Beitrag", "Zahnradbahn Berg", "Zahnradbahn -Berg", "\"mit der Zahnradbahn\"", "Fahrt OR Berg" })
            {
                List<long> Found(bool rare) => [.. TicketSearch.Apply(db, db.Tickets, query, rare).Select(t => t.Number).OrderBy(n => n)];
                Assert.Equal(Found(rare: false), Found(rare: true));
            }
        }

        // The list takes the rare word's way and keeps its order and filters.
        Assert.Equal(["10003", "10002"], await SearchAsync(assistant.Client, "Zahnradbahn"));
        Assert.Equal(["10003"], (await Html.GetAsync(assistant.Client, "/support?priority=high&q=Zahnradbahn"))
            .QuerySelectorAll("tr[data-ticket]").Select(r => r.GetAttribute("data-ticket")!));
        var beitrag = await SearchAsync(assistant.Client, "Beitrag");
        Assert.Equal((50, $"{10003 + TicketSearch.RareTickets}"), (beitrag.Count, beitrag[0]));
    }
}
