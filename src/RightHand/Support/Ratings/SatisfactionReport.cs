using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Support.Ratings;

/// <summary>The average rating and how many ratings it is made of, for one agent or category (null: nobody / none).</summary>
internal sealed record RatingGroup(Guid? Key, int Count, double Average);

/// <summary>A rating that came with a comment.</summary>
internal sealed record RatingComment(long Number, string Subject, int Rating, string Comment, Guid? AssigneeId, DateTime RatedAt)
{
    public string Reference => "#" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Satisfaction over a period, counted by when the rating was given: overall, per agent (the ticket's assignee) and per
/// category, and the latest comments. Grouped in the database, so a year of ratings costs one pass over its index.
/// </summary>
internal static class SatisfactionReport
{
    public const int LatestComments = 20;

    public static IQueryable<Ticket> Rated(AppDb db, DateTime from, DateTime until) =>
        db.Tickets.AsNoTracking().Where(t => t.RatedAt >= from && t.RatedAt < until && t.Rating != null);

    public static async Task<List<RatingGroup>> ByAgentAsync(AppDb db, DateTime from, DateTime until, CancellationToken ct = default) =>
        await Rated(db, from, until).GroupBy(t => t.AssigneeId)
            .Select(g => new RatingGroup(g.Key, g.Count(), g.Average(t => (double)t.Rating!.Value))).ToListAsync(ct);

    public static async Task<List<RatingGroup>> ByCategoryAsync(AppDb db, DateTime from, DateTime until, CancellationToken ct = default) =>
        await Rated(db, from, until).GroupBy(t => t.CategoryId)
            .Select(g => new RatingGroup(g.Key, g.Count(), g.Average(t => (double)t.Rating!.Value))).ToListAsync(ct);

    public static Task<List<RatingComment>> CommentsAsync(AppDb db, DateTime from, DateTime until, CancellationToken ct = default) =>
        Rated(db, from, until).Where(t => t.RatingComment != null).OrderByDescending(t => t.RatedAt).Take(LatestComments)
            .Select(t => new RatingComment(t.Number, t.Subject, t.Rating!.Value, t.RatingComment!, t.AssigneeId, t.RatedAt!.Value)).ToListAsync(ct);

    /// <summary>All groups together: the weighted average of the whole period.</summary>
    public static RatingGroup Total(IReadOnlyCollection<RatingGroup> groups)
    {
        var count = groups.Sum(g => g.Count);
        return new RatingGroup(null, count, count == 0 ? 0 : groups.Sum(g => g.Average * g.Count) / count);
    }
}
