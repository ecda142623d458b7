using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Platform.Database;
using RightHand.Platform.Web;

namespace RightHand.Delegation.Offboarding;

/// <summary>
/// Approval requests the person prepared that still wait for a decision. The successor becomes the
/// preparer: they answer for the item now (a request for changes reaches them).
/// Money stays with its preparer: four eyes is about who prepared the content, and the successor is
/// often the owner, who would then be barred from approving a payment they never prepared, with nobody
/// left to approve it. The leaver has no access any more, so keeping them as preparer opens nothing.
/// </summary>
internal sealed class PendingApprovalsHeld(AppDb db, IStringLocalizer<Texts> l) : IOffboardingSource
{
    public string Kind => "approvals";
    public string Heading => l["Pending approvals"];
    public int Order => 20;
    public bool Reassigns => true;

    public async Task<IReadOnlyList<HeldItem>> ListAsync(Guid person, CancellationToken ct)
    {
        var money = await MoneyTypesAsync(ct);
        var pending = await db.ApprovalRequests.AsNoTracking().Where(a => a.PreparedBy == person && a.State == ApprovalState.Pending)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        return pending.Select(a => new HeldItem(a.Title, money.Contains(a.WorkTypeKey)
            ? l["{0}, waiting since {1}; money: stays recorded as prepared by this person (four eyes)", WorkTypeNames.Describe(a.WorkTypeKey, l), Display.Date(a.CreatedAt)]
            : l["{0}, waiting since {1}", WorkTypeNames.Describe(a.WorkTypeKey, l), Display.Date(a.CreatedAt)])).ToList();
    }

    public async Task<int> ReassignAsync(Guid from, Guid to, CancellationToken ct)
    {
        var money = await MoneyTypesAsync(ct);
        var pending = await db.ApprovalRequests.Where(a => a.PreparedBy == from && a.State == ApprovalState.Pending && !money.Contains(a.WorkTypeKey)).ToListAsync(ct);
        foreach (var request in pending) request.PreparedBy = to;
        return pending.Count;
    }

    private Task<List<string>> MoneyTypesAsync(CancellationToken ct) => db.WorkTypes.AsNoTracking().Where(w => w.IsMoney).Select(w => w.Key).ToListAsync(ct);
}
