using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Members.Privacy;

/// <summary>
/// Erases a member's personal data (GDPR Art. 17) in one transaction. The member row stays as a pseudonym
/// ("Erased member M-10001") because payments and bookings must be kept for 10 years (§ 147 AO, § 257 HGB)
/// and refer to the member; consents stay as proof of what was agreed (they hold no contact data); tags,
/// custom values and mails to the member go. Deleting the member's data key leaves every personal value
/// in the audit trail unreadable while the hash chain stays intact.
/// </summary>
internal sealed class MemberErasure(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l, IEnumerable<IMemberErasureStep> steps)
{
    public const string PseudonymPrefix = "Erased member ";

    /// <summary>Erases the member; <paramref name="confirmation"/> must be their number, typed to show the erasure is meant.</summary>
    public async Task<OperationResult> EraseAsync(Guid memberId, string? confirmation, Guid by, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return OperationResult.Fail(l["This member does not exist."]);
        if (member.ErasedAt is not null) return OperationResult.Fail(l["This member's personal data has been erased already."]);
        if (!string.Equals(confirmation?.Trim(), member.Number, StringComparison.Ordinal))
            return OperationResult.Fail(l["Confirmation: type the member number {0} exactly to erase.", member.Number]);

        var now = clock.GetUtcNow().UtcDateTime;
        db.MemberTags.RemoveRange(await db.MemberTags.Where(t => t.MemberId == memberId).ToListAsync(ct));
        db.CustomFieldValues.RemoveRange(await db.CustomFieldValues.Where(v => v.MemberId == memberId).ToListAsync(ct));
        // Mails written without the member's id (by QueueAsync instead of QueueToMemberAsync) are found by their address.
        var (address, key) = (member.Email, member.EmailKey);
        foreach (var mail in await db.OutgoingMails.Where(m => m.MemberId == memberId || m.To == address || m.To == key).ToListAsync(ct))
        {
            mail.MemberId = memberId; // so the trail writes the deletion as erased, not the address in plain text
            db.OutgoingMails.Remove(mail);
        }
        if (await db.MemberKeys.FindAsync([memberId], ct) is { } dataKey) db.MemberKeys.Remove(dataKey);
        foreach (var step in steps) await step.EraseAsync(member, ct);

        if (member.Status != MemberStatus.Cancelled)
        {
            db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = memberId, From = member.Status, To = MemberStatus.Cancelled, At = now, By = by });
            member.Status = MemberStatus.Cancelled;
            member.StatusSince = now;
        }
        Pseudonymise(member);
        member.ErasedAt = member.UpdatedAt = now;
        MemberEvents.Add(db, member, MemberEventKind.Erased, now);
        db.Audit.Erasing(memberId);
        db.Audit.Record("member_erased", "Members", nameof(Member), memberId.ToString(), new Dictionary<string, string?> { ["Number"] = member.Number });
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Blanks every personal field; the number, plan, language and dates stay, they are what retained records need.</summary>
    private static void Pseudonymise(Member m)
    {
        m.Salutation = m.FirstName = m.Company = m.Phone = m.Street = m.Postcode = m.City = m.Country = m.Notes = null;
        m.DateOfBirth = null;
        m.LastName = PseudonymPrefix + m.Number;
        m.Email = "";
        // The key must stay unique; the number makes it so without keeping anything of the address.
        m.EmailKey = "erased:" + m.Number.ToLowerInvariant();
        m.NameKey = m.LastName.ToLowerInvariant();
    }
}
