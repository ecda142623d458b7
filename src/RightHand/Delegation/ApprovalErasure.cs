using Microsoft.EntityFrameworkCore;
using RightHand.Members;
using RightHand.Members.Privacy;
using RightHand.Platform.Database;

namespace RightHand.Delegation;

/// <summary>
/// Items about a member (a reply to their ticket) quote them in title and preview. Erasure blanks both; the decision, its
/// times and scores stay, so the quality figures of the person who did the work do not change.
/// </summary>
internal sealed class ApprovalErasure(AppDb db) : IMemberErasureStep
{
    public async Task EraseAsync(Member member, CancellationToken ct)
    {
        var items = await db.ApprovalRequests.Where(a => a.SubjectMemberId == member.Id).ToListAsync(ct);
        foreach (var item in items) (item.Title, item.Preview) = (Audit.PersonalData.Erased, Audit.PersonalData.Erased);
    }
}
