using Microsoft.EntityFrameworkCore;
using RightHand.Members;
using RightHand.Members.Privacy;
using RightHand.Platform.Database;

namespace RightHand.Portal;

/// <summary>An erased member loses their portal account and every link mailed to them (by member or by address).</summary>
internal sealed class PortalErasure(AppDb db) : IMemberErasureStep
{
    public async Task EraseAsync(Member member, CancellationToken ct)
    {
        var (address, key) = (member.Email, member.EmailKey);
        db.PortalAccounts.RemoveRange(await db.PortalAccounts.Where(a => a.MemberId == member.Id).ToListAsync(ct));
        db.PortalLinks.RemoveRange(await db.PortalLinks.Where(l => l.MemberId == member.Id || l.Email == key || l.Email == address).ToListAsync(ct));
    }
}
