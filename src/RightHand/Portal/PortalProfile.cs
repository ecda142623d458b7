using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Members;
using RightHand.Platform.Database;

namespace RightHand.Portal;

/// <summary>
/// The contact data a member may correct themselves. Not the number, status, plan, notes, tags or date of birth,
/// and not the e-mail address: the address is the member's sign-in, so a change goes through staff.
/// </summary>
internal sealed record ContactDraft(string? Salutation, string? FirstName, string? LastName, string? Company, string? Phone,
    string? Street, string? Postcode, string? City, string? Country, string? Language);

/// <summary>
/// What a signed-in member does with their own data. Every method takes the member id from the caller's
/// principal (never from a form or an address), so a member can only ever reach their own record.
/// </summary>
internal sealed class PortalProfile(AppDb db, MemberRegister register, TimeProvider clock, IStringLocalizer<Texts> l)
{
    /// <summary>
    /// Saves the corrected contact data through the register, so the same checks apply as for staff, a member event
    /// is written, and the trail names the member as the one who changed it.
    /// </summary>
    public async Task<OperationResult> CorrectContactAsync(Guid memberId, ContactDraft contact, CancellationToken ct = default)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return OperationResult.Fail(l["This member does not exist."]);
        var tags = await db.MemberTags.AsNoTracking().Where(t => t.MemberId == memberId).Select(t => t.Tag).ToListAsync(ct);
        var draft = new MemberDraft(contact.Salutation, contact.FirstName, contact.LastName, contact.Company, member.Email, contact.Phone,
            contact.Language, contact.Street, contact.Postcode, contact.City, contact.Country,
            member.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), member.PlanId, member.Notes, string.Join(", ", tags), member.Status);
        return await register.UpdateAsync(memberId, draft, ct);
    }

    /// <summary>The member's current answer to each offered consent (null: never answered).</summary>
    public async Task<Dictionary<string, ConsentRecord>> AnswersAsync(Guid memberId, CancellationToken ct = default) =>
        (await db.ConsentRecords.AsNoTracking().Where(c => c.MemberId == memberId).ToListAsync(ct))
            .GroupBy(c => c.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).ThenBy(c => c.Id).Last(), StringComparer.Ordinal);

    /// <summary>Records the member's own answer to an offered consent, with the wording version shown to them now.</summary>
    public async Task<OperationResult> AnswerConsentAsync(Guid memberId, string? kind, bool granted, CancellationToken ct = default)
    {
        var offer = await db.ConsentOffers.AsNoTracking().Where(o => o.Kind == kind).OrderByDescending(o => o.Version).FirstOrDefaultAsync(ct);
        if (offer is null) return OperationResult.Fail(l["This consent is not offered."]);
        if (!await db.Members.AnyAsync(m => m.Id == memberId, ct)) return OperationResult.Fail(l["This member does not exist."]);
        db.ConsentRecords.Add(new ConsentRecord
        {
            MemberId = memberId, Kind = offer.Kind, Granted = granted, At = clock.GetUtcNow().UtcDateTime, Source = "portal",
            WordingVersion = offer.Version.ToString(CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }
}
