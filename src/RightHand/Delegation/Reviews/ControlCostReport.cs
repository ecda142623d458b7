using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Reviews;

/// <summary>
/// Control cost week by week: the deciders' review time (approval decisions and spot checks, each capped) set
/// against the time the team logged on delegated tasks. The owner's own logged time is not delegated work.
/// </summary>
internal sealed class ControlCostReport(AppDb db, TimeProvider clock)
{
    public sealed record Week(DateOnly Start, ControlCost Cost);

    /// <summary>The last <paramref name="count"/> weeks, oldest first, the current week last.</summary>
    public async Task<IReadOnlyList<Week>> WeeksAsync(int count, CancellationToken ct = default)
    {
        var weeks = Weeks.Last(count, clock.GetUtcNow().UtcDateTime);
        var since = Weeks.UtcStart(weeks[0]);
        var firstDay = weeks[0];

        var decided = await db.ApprovalRequests.AsNoTracking().Where(a => a.DecidedAt >= since && a.ReviewSeconds != null)
            .Select(a => new { At = a.DecidedAt!.Value, Seconds = a.ReviewSeconds!.Value }).ToListAsync(ct);
        var reviewed = await db.SpotCheckReviews.AsNoTracking().Where(r => r.At >= since)
            .Select(r => new { r.At, Seconds = r.ReviewSeconds }).ToListAsync(ct);
        var owners = db.People.Where(p => p.Role == Roles.Owner).Select(p => p.Id);
        var logged = await db.TaskTimeLogs.AsNoTracking().Where(t => t.Day >= firstDay && !owners.Contains(t.PersonId))
            .Select(t => new { t.Day, t.Minutes }).ToListAsync(ct);

        var checking = decided.Select(d => (d.At, d.Seconds)).Concat(reviewed.Select(r => (r.At, r.Seconds)))
            .GroupBy(c => Weeks.StartOf(c.At)).ToDictionary(g => g.Key, g => g.Sum(c => c.Seconds));
        var work = logged.GroupBy(t => Weeks.StartOf(t.Day)).ToDictionary(g => g.Key, g => g.Sum(t => t.Minutes));
        return [.. weeks.Select(start => new Week(start, new ControlCost(checking.GetValueOrDefault(start), work.GetValueOrDefault(start))))];
    }
}
