using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Support.Reports;

/// <summary>How service levels fared for tickets of one priority (or all) in a period.</summary>
internal sealed record SlaHits(int Responded, int RespondedInTime, int Solved, int SolvedInTime)
{
    public double? FirstResponseRate => Responded == 0 ? null : (double)RespondedInTime / Responded;
    public double? ResolutionRate => Solved == 0 ? null : (double)SolvedInTime / Solved;
}

/// <summary>The support overview: what is open now, how the service levels stand, and how the last weeks went.</summary>
internal sealed record SupportFigures(
    IReadOnlyDictionary<TicketState, int> OpenByState, IReadOnlyList<(string Category, int Count)> OpenByCategory,
    int Overdue, int AtRisk, int Paused,
    int Opened, int Solved, TimeSpan? MedianFirstResponse, TimeSpan? MedianResolution,
    SlaHits All, IReadOnlyDictionary<TicketPriority, SlaHits> ByPriority, double? AverageRating, int Ratings);

internal sealed class SupportOverview(AppDb db, TimeProvider clock)
{
    public static readonly int[] Periods = [7, 30, 90];

    public async Task<SupportFigures> ForAsync(int days, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.Tickets.AsNoTracking().Where(t => t.State != TicketState.Solved && t.State != TicketState.Closed && t.MergedIntoId == null);
        var byState = (await open.GroupBy(t => t.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);
        var byCategoryId = await open.GroupBy(t => t.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var names = await db.TicketCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var byCategory = byCategoryId.OrderByDescending(x => x.Count)
            .Select(x => (x.Key is { } id ? names.GetValueOrDefault(id, "?") : "", x.Count)).ToList();

        var running = open.Where(t => t.State != TicketState.WaitingForMember);
        var soon = now + TicketFilter.AtRiskWithin;
        var overdue = await running.CountAsync(t => (t.FirstRespondedAt == null && t.FirstResponseDueAt < now) || t.ResolutionDueAt < now, ct);
        var atRisk = await running.CountAsync(t => !((t.FirstRespondedAt == null && t.FirstResponseDueAt < now) || t.ResolutionDueAt < now)
            && ((t.FirstRespondedAt == null && t.FirstResponseDueAt <= soon) || t.ResolutionDueAt <= soon), ct);
        var paused = byState.GetValueOrDefault(TicketState.WaitingForMember);

        // The period's tickets, a few columns each: even a busy quarter is tens of thousands of rows.
        var from = now.AddDays(-days);
        var recent = await db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= from && t.MergedIntoId == null)
            .Select(t => new { t.Priority, t.CreatedAt, t.FirstRespondedAt, t.FirstResponseDueAt, t.SolvedAt, t.ResolutionDueAt, t.Rating })
            .ToListAsync(ct);
        var rows = recent.Select(t => (Priority: t.Priority, Row: (t.FirstRespondedAt, t.FirstResponseDueAt, t.SolvedAt, t.ResolutionDueAt))).ToList();
        var byPriority = Enum.GetValues<TicketPriority>().ToDictionary(p => p, p => HitsOf(rows.Where(r => r.Priority == p).Select(r => r.Row)));
        var ratings = recent.Where(t => t.Rating is not null).Select(t => t.Rating!.Value).ToList();
        return new SupportFigures(byState, byCategory, overdue, atRisk, paused,
            recent.Count, recent.Count(t => t.SolvedAt is not null),
            Median(recent.Where(t => t.FirstRespondedAt is not null).Select(t => t.FirstRespondedAt!.Value - t.CreatedAt)),
            Median(recent.Where(t => t.SolvedAt is not null).Select(t => t.SolvedAt!.Value - t.CreatedAt)),
            HitsOf(rows.Select(r => r.Row)), byPriority, ratings.Count == 0 ? null : ratings.Average(), ratings.Count);
    }

    private static SlaHits HitsOf(IEnumerable<(DateTime? Responded, DateTime? ResponseDue, DateTime? Solved, DateTime? ResolutionDue)> rows)
    {
        var list = rows.ToList();
        return new SlaHits(
            list.Count(r => r.Responded is not null && r.ResponseDue is not null), list.Count(r => r.Responded <= r.ResponseDue),
            list.Count(r => r.Solved is not null && r.ResolutionDue is not null), list.Count(r => r.Solved <= r.ResolutionDue));
    }

    private static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
