using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Platform.Database;
using RightHand.Support.Sla;

namespace RightHand.Support.Rules;

/// <summary>A ticket the tried rule would have fired on, and what it would have done there.</summary>
internal sealed record TrialMatch(long Number, string Subject, DateTime CreatedAt, IReadOnlyList<string> Actions);

internal sealed record TrialResult(int Tried, IReadOnlyList<TrialMatch> Matches);

/// <summary>
/// "Try against the last 100 tickets": evaluates a rule, saved or not, against the most recent tickets as they were
/// opened (their first message, the time they came in) and lists what it would have done. It only reads, through
/// no-tracking queries: nothing is changed, mailed or audited.
/// </summary>
internal sealed class RuleTrial(AppDb db, SlaSettings sla, IStringLocalizer<Texts> l)
{
    public const int Tickets = 100;

    public async Task<TrialResult> RunAsync(SupportRule rule, RuleNames names, CancellationToken ct = default)
    {
        var tickets = await db.Tickets.AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Number).Take(Tickets)
            .Select(t => new { t.Id, t.Number, t.Subject, t.Channel, t.CategoryId, t.RequesterMemberId, t.Language, t.CreatedAt }).ToListAsync(ct);
        var ids = tickets.Select(t => t.Id).ToList();
        // The opening message of each: the earliest message from the requester.
        var bodies = (await db.TicketMessages.AsNoTracking().Where(m => ids.Contains(m.TicketId) && m.Kind == TicketMessageKind.FromRequester)
                .Select(m => new { m.TicketId, m.CreatedAt, m.Body }).ToListAsync(ct))
            .GroupBy(m => m.TicketId).ToDictionary(g => g.Key, g => g.MinBy(m => m.CreatedAt)!.Body);
        var calendar = (await sla.PolicyAsync(ct)).Calendar;
        var members = new Dictionary<Guid, RequesterFacts?>();
        var matches = new List<TrialMatch>();
        foreach (var t in tickets)
        {
            RequesterFacts? member = null;
            if (t.RequesterMemberId is { } m && !members.TryGetValue(m, out member)) members[m] = member = await TicketDesk.RequesterFactsAsync(db, m, ct);
            var facts = new RuleFacts(t.Channel, t.CategoryId, t.Subject, bodies.GetValueOrDefault(t.Id, ""), t.CreatedAt, member);
            if (RuleMatcher.Matches(rule, facts, calendar)) matches.Add(new TrialMatch(t.Number, t.Subject, t.CreatedAt, names.Actions(rule, t.Language, l)));
        }
        return new TrialResult(tickets.Count, matches);
    }
}

internal static class RulesModule
{
    public static IServiceCollection AddSupportRules(this IServiceCollection services) => services
        .AddScoped<SupportRules>()
        .AddScoped<RuleTrial>()
        .AddScoped<Answers.OwnerBookingLink>();
}
