using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Platform.Demo;
using RightHand.Support.Answers;
using RightHand.Support.Sla;

namespace RightHand.Support;

/// <summary>
/// Half a year of member support: about 2,500 tickets in German and English across six categories, most of them
/// answered by the assistant and closed, the recent ones still open, waiting or new, a third of the solved ones rated;
/// and the published canned answers the team answers with. Seeded, so every demo looks the same. History is written as
/// rows (running the desk's operations 10,000 times would make loading the demo slow); the due times come from the
/// desk's own service levels. The rules, the macro, the booking link and the open escalations are made through their
/// own operations (<see cref="SupportDemoWork"/>).
/// </summary>
internal sealed class SupportDemoData(CannedAnswers answers, SlaSettings sla, TimeProvider clock, IServiceProvider services) : IDemoDataSource
{
    public const int Days = 200;
    public const int TicketsPerDay = 13;

    public int Order => 6;

    public async Task LoadAsync(AppDb db, CultureInfo culture, CancellationToken ct)
    {
        var de = culture.TwoLetterISOLanguageName == "de";
        var owner = await db.People.Where(p => p.Role == Roles.Owner).Select(p => p.Id).FirstAsync(ct);
        var assistant = await db.People.Where(p => p.Role == Roles.Assistant).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) ?? owner;
        var categories = SupportDemoTexts.Categories.Select(c => new TicketCategory { Name = de ? c.De : c.En }).ToList();
        db.TicketCategories.AddRange(categories);
        await db.SaveChangesAsync(ct);

        var answerIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var answer in SupportDemoTexts.Answers)
        {
            var (saved, id) = await answers.SaveAsync(null, new CannedAnswerDraft(answer.Language, answer.Title, de ? answer.CategoryDe : answer.CategoryEn, answer.Body, answer.InFaq), owner, isOwner: true, ct);
            saved.ThrowIfFailed();
            answerIds[answer.Title] = id!.Value;
        }
        var work = new SupportDemoWork(services, assistant, categories.Select(c => c.Id).ToList(), answerIds, de);
        await work.SetUpRulesAsync(ct);

        var members = await db.Members.AsNoTracking().Where(m => m.ErasedAt == null && m.Status != MemberStatus.Prospect)
            .OrderBy(m => m.Number).Select(m => new { m.Id, m.Email, FirstName = m.FirstName ?? m.LastName, m.LastName, m.Language }).ToListAsync(ct);
        if (members.Count == 0) return;
        var policy = await sla.PolicyAsync(ct);
        var random = new Random(5);
        // Whole seconds, like the times the desk itself writes are whole microseconds: PostgreSQL keeps no finer, and a
        // full export from SQLite must come back unchanged.
        var now = WholeSeconds(clock.GetUtcNow().UtcDateTime);
        var number = Ticket.FirstNumber;
        var start = now.Date.AddDays(-Days);
        for (var day = 0; day <= Days; day++)
        {
            for (var i = 0; i < TicketsPerDay + random.Next(-4, 5); i++)
            {
                var opened = WholeSeconds(start.AddDays(day).AddHours(6 + random.NextDouble() * 15));
                if (opened > now.AddMinutes(-20)) continue;
                var member = members[random.Next(members.Count)];
                var texts = member.Language == "en" ? SupportDemoTexts.English : SupportDemoTexts.German;
                var ageDays = (now - opened).TotalDays;
                var state = ageDays > 10 ? (random.Next(8) == 0 ? TicketState.Solved : TicketState.Closed) : RecentState(random, ageDays);
                // What waits for IT is a technical problem, what waits for the owner a personal matter.
                var wanted = state switch { TicketState.WaitingForIt => SupportDemoTexts.Technical, TicketState.WaitingForOwner => SupportDemoTexts.Personal, _ => -1 };
                var story = wanted < 0 ? texts[random.Next(texts.Length)] : texts.First(t => t.Category == wanted);
                var ticket = new Ticket
                {
                    Number = number++, Subject = story.Subject, RequesterMemberId = member.Id, RequesterEmail = member.Email, RequesterEmailKey = member.Email.ToLowerInvariant(),
                    RequesterName = member.FirstName + " " + member.LastName, Channel = random.Next(10) < 6 ? TicketChannel.Email : random.Next(4) == 0 ? TicketChannel.Phone : TicketChannel.Portal,
                    State = TicketState.Open, Priority = story.Urgent ? TicketPriority.High : random.Next(12) == 0 ? TicketPriority.Low : TicketPriority.Normal,
                    CategoryId = categories[story.Category].Id, Language = member.Language, CreatedAt = opened, UpdatedAt = opened, LastActivityAt = opened,
                };
                TicketSla.Apply(ticket, policy);
                db.Tickets.Add(ticket);
                var by = random.Next(5) == 0 ? owner : assistant;
                ticket.AssigneeId = by;
                Message(db, ticket, TicketMessageKind.FromRequester, $"{story.Body}\n\n{member.FirstName}", opened, member.Id, member.Email);
                // Waiting for IT or the owner only through a real escalation, after the history is in (below).
                if (state == TicketState.WaitingForIt) work.ToIt.Add((ticket.Id, story, member.Language));
                if (state == TicketState.WaitingForOwner) work.ToOwner.Add((ticket.Id, story));
                var escalating = state is TicketState.WaitingForIt or TicketState.WaitingForOwner;
                if (escalating) state = TicketState.Open;
                if (state == TicketState.New)
                {
                    (ticket.State, ticket.AssigneeId) = (TicketState.New, random.Next(2) == 0 ? null : assistant);
                    continue;
                }
                var answered = policy.Calendar.AddBusinessTime(opened, TimeSpan.FromMinutes(20 + random.Next(story.Urgent ? 120 : 900)));
                if (answered > now) answered = now.AddMinutes(-random.Next(1, 15));
                if (random.Next(10) == 0) Message(db, ticket, TicketMessageKind.InternalNote, texts == SupportDemoTexts.English ? "Checked the account: nothing unusual." : "Konto geprüft: nichts Auffälliges.", answered.AddMinutes(-5), by: by);
                Message(db, ticket, TicketMessageKind.Reply, Greeting(member.Language, member.FirstName) + story.Reply, answered, by: by);
                ticket.FirstRespondedAt = answered;
                var last = answered;
                if (!escalating && random.Next(10) < 4 && answered.AddHours(30) < now)
                {
                    var back = answered.AddHours(2 + random.Next(24));
                    Message(db, ticket, TicketMessageKind.FromRequester, (member.Language == "en" ? "Thank you! One more question: " : "Danke! Noch eine Frage: ") + story.FollowUp, back, member.Id, member.Email);
                    last = policy.Calendar.AddBusinessTime(back, TimeSpan.FromMinutes(30 + random.Next(600)));
                    if (last > now) last = now.AddMinutes(-1);
                    Message(db, ticket, TicketMessageKind.Reply, Greeting(member.Language, member.FirstName) + story.FollowUpReply, last, by: by);
                }
                ticket.State = state;
                ticket.LastActivityAt = ticket.UpdatedAt = last;
                if (state is TicketState.Solved or TicketState.Closed)
                {
                    ticket.SolvedAt = last;
                    if (state == TicketState.Closed) ticket.ClosedAt = last.AddDays(7) < now ? last.AddDays(7) : now;
                    if (random.Next(3) == 0) Rate(ticket, random, member.Language, last.AddHours(1 + random.Next(48)), now);
                }
                else if (state == TicketState.WaitingForMember) ticket.SlaPausedAt = last;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await work.EscalateAsync(ct);
    }

    private static TicketState RecentState(Random random, double ageDays) => random.Next(20) switch
    {
        < 3 when ageDays < 2 => TicketState.New,
        < 7 => TicketState.Open,
        < 12 => TicketState.WaitingForMember,
        12 or 13 => TicketState.WaitingForIt,
        14 => TicketState.WaitingForOwner,
        _ => TicketState.Solved,
    };

    private static void Rate(Ticket ticket, Random random, string language, DateTime at, DateTime now)
    {
        var roll = random.Next(50);
        ticket.Rating = roll < 26 ? 5 : roll < 41 ? 4 : roll < 46 ? 3 : roll < 48 ? 2 : 1;
        ticket.RatedAt = at < now ? at : now;
        if (random.Next(4) != 0) return;
        ticket.RatingComment = (ticket.Rating, language) switch
        {
            (>= 4, "en") => "Quick and friendly, thank you!",
            (>= 4, _) => "Schnell und freundlich, vielen Dank!",
            (3, "en") => "Solved, but it took a while.",
            (3, _) => "Gelöst, hat aber gedauert.",
            (_, "en") => "I had to write twice before anyone answered.",
            _ => "Ich musste zweimal schreiben, bis jemand geantwortet hat.",
        };
    }

    private static DateTime WholeSeconds(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static string Greeting(string language, string firstName) => language == "en" ? $"Hello {firstName},\n\n" : $"Hallo {firstName},\n\n";

    private static void Message(AppDb db, Ticket ticket, TicketMessageKind kind, string body, DateTime at, Guid? member = null, string? from = null, Guid? by = null) =>
        db.TicketMessages.Add(new TicketMessage
        {
            TicketId = ticket.Id, Kind = kind, Body = body, CreatedAt = at, AuthorMemberId = member, FromAddress = from, AuthorPersonId = by,
            RequesterMemberId = ticket.RequesterMemberId, Channel = kind == TicketMessageKind.FromRequester ? ticket.Channel : TicketChannel.Email,
        });
}
