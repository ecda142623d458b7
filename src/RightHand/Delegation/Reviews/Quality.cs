using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Reviews;

/// <summary>
/// Quality week by week, per person and kind of work: the average spot-check score and the rework rate
/// (the share of decisions that sent work back). Care that slips over time is what owners fear most, so a
/// line warns when either figure has worsened three weeks running.
/// </summary>
internal sealed class Quality(AppDb db, TimeProvider clock)
{
    public const int WeeksShown = 8;

    public async Task<IReadOnlyList<QualityLine>> WeeklyAsync(Guid? person = null, CancellationToken ct = default)
    {
        var weeks = Weeks.Last(WeeksShown, clock.GetUtcNow().UtcDateTime);
        var since = Weeks.UtcStart(weeks[0]);

        var decisions = await db.ApprovalRequests.AsNoTracking()
            .Where(a => a.DecidedAt >= since && a.DecidedBy != null && (person == null || a.PreparedBy == person))
            .Select(a => new { a.PreparedBy, a.WorkTypeKey, At = a.DecidedAt!.Value, Reworked = a.State == ApprovalState.ChangesRequested })
            .ToListAsync(ct);
        var scores = await (from r in db.SpotCheckReviews.AsNoTracking()
                            join a in db.ApprovalRequests.AsNoTracking() on r.ApprovalRequestId equals a.Id
                            where r.At >= since && (person == null || a.PreparedBy == person)
                            select new { a.PreparedBy, a.WorkTypeKey, r.At, Score = (r.Correctness + r.Tone + r.Completeness) / 3.0 })
            .ToListAsync(ct);

        // Each row is sorted into its (person, kind of work, week) once.
        var decidedIn = decisions.ToLookup(d => (d.PreparedBy, d.WorkTypeKey, Weeks.StartOf(d.At)), d => d.Reworked);
        var scoredIn = scores.ToLookup(s => (s.PreparedBy, s.WorkTypeKey, Weeks.StartOf(s.At)), s => s.Score);
        var keys = decisions.Select(d => (d.PreparedBy, d.WorkTypeKey)).Concat(scores.Select(s => (s.PreparedBy, s.WorkTypeKey))).Distinct();
        return [.. keys.Select(key => new QualityLine(key.PreparedBy, key.WorkTypeKey, [.. weeks.Select(start =>
            {
                var decided = decidedIn[(key.PreparedBy, key.WorkTypeKey, start)].ToList();
                var scored = scoredIn[(key.PreparedBy, key.WorkTypeKey, start)].ToList();
                return new QualityWeek(start, scored.Count, scored.Count == 0 ? null : scored.Average(), decided.Count, decided.Count(reworked => reworked));
            })]))
            .OrderBy(l => l.Person).ThenBy(l => l.WorkType, StringComparer.Ordinal)];
    }
}

/// <summary>One week's figures (public because a page component shows them).</summary>
public sealed record QualityWeek(DateOnly Start, int Reviewed, double? AverageScore, int Decided, int Reworked)
{
    public double? ReworkRate => Decided == 0 ? null : (double)Reworked / Decided;
}

public sealed record QualityLine(Guid Person, string WorkType, IReadOnlyList<QualityWeek> Weeks)
{
    public bool ScoreWorsening => Trend.Worsens(Weeks.Select(w => w.AverageScore), higherIsBetter: true);
    public bool ReworkWorsening => Trend.Worsens(Weeks.Select(w => w.ReworkRate), higherIsBetter: false);
}

internal static class Trend
{
    /// <summary>
    /// True when the last three weeks that have a figure got worse each time (two steps in a row). Weeks
    /// without any work are skipped rather than read as a change.
    /// </summary>
    public static bool Worsens(IEnumerable<double?> weeks, bool higherIsBetter)
    {
        var last = weeks.Where(v => v.HasValue).Select(v => v!.Value).TakeLast(3).ToList();
        if (last.Count < 3) return false;
        return higherIsBetter ? last[0] > last[1] && last[1] > last[2] : last[0] < last[1] && last[1] < last[2];
    }
}
