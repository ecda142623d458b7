using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Reviews;

/// <summary>
/// The review list after the fact: items drawn by the spot-check sample (and trial work) wait here
/// until the owner scores them. Scores and comment go back to the person as feedback.
/// </summary>
internal sealed class SpotChecks(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Sampled items that nobody has scored yet and that still count: not replaced by a newer version, and
    /// not sent back (sending back is the owner's verdict, and shows in the rework rate).
    /// </summary>
    public IQueryable<ApprovalRequest> Waiting() =>
        db.ApprovalRequests.Where(a => a.SampledForReview && a.State != ApprovalState.Voided && a.State != ApprovalState.ChangesRequested
            && !db.SpotCheckReviews.Any(r => r.ApprovalRequestId == a.Id));

    public async Task<OperationResult> ScoreAsync(Guid requestId, Guid reviewer, Scores scores, DateTime? openedAt = null, CancellationToken ct = default)
    {
        var errors = new List<string>();
        Check(scores.Correctness, l["Correctness"]);
        Check(scores.Tone, l["Tone"]);
        Check(scores.Completeness, l["Completeness"]);
        if (scores.Comment?.Length > 4000) errors.Add(l["The comment is too long (at most {0} characters).", 4000]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);

        var request = await db.ApprovalRequests.FindAsync([requestId], ct);
        if (request is not { SampledForReview: true } || await db.SpotCheckReviews.AnyAsync(r => r.ApprovalRequestId == requestId, ct))
            return OperationResult.Fail(l["This item is no longer waiting for a review."]);
        db.SpotCheckReviews.Add(new SpotCheckReview
        {
            ApprovalRequestId = requestId, ReviewedBy = reviewer, Correctness = scores.Correctness!.Value, Tone = scores.Tone!.Value,
            Completeness = scores.Completeness!.Value, Comment = string.IsNullOrWhiteSpace(scores.Comment) ? null : scores.Comment.Trim(),
            ReviewSeconds = ReviewTime.Seconds(openedAt, Now), At = Now,
        });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;

        void Check(int? score, string field)
        {
            if (score is not (>= 1 and <= 5)) errors.Add(l["{0}: give a score from 1 to 5.", field]);
        }
    }
}

/// <summary>The owner's scores for one item, as the form sends them (null where nothing was chosen).</summary>
internal sealed class Scores
{
    public int? Correctness { get; set; }
    public int? Tone { get; set; }
    public int? Completeness { get; set; }
    public string? Comment { get; set; }
}
