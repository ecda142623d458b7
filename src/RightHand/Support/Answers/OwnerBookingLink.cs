using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support.Answers;

/// <summary>
/// The owner's booking link (a calendar booking page): canned answers insert it with <c>{{owner.booking_link}}</c>, so a
/// rule can answer a personal matter at once with a way to book the owner. A text setting until the appointments
/// module exists.
/// </summary>
internal sealed class OwnerBookingLink(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    public const string SettingKey = "support.owner_booking_link";
    public const int MaxLength = 500;

    public static async Task<string?> ReadAsync(AppDb db, CancellationToken ct = default) =>
        await db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct);

    /// <summary>Sets the link (an http or https address); an empty text removes it.</summary>
    public async Task<OperationResult> SetAsync(string? link, CancellationToken ct = default)
    {
        var clean = link?.Trim() ?? "";
        if (clean.Length > 0 && (clean.Length > MaxLength || !Uri.TryCreate(clean, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            return OperationResult.Fail(l["Owner's booking link: enter a web address starting with https:// of at most {0} characters.", MaxLength]);
        await db.SetSettingAsync(SettingKey, clean.Length == 0 ? null : clean, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }
}

/// <summary>The merge field values of a ticket, for a canned answer used on it (by an agent, a macro or a rule).</summary>
internal static class TicketAnswerValues
{
    public static async Task<Dictionary<string, string?>> ForAsync(AppDb db, Ticket ticket, string? agentName, string businessName, CancellationToken ct = default)
    {
        var member = ticket.RequesterMemberId is { } id ? await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) : null;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["member.salutation"] = member?.Salutation, ["member.first_name"] = member?.FirstName, ["member.last_name"] = member?.LastName,
            ["member.number"] = member?.Number, ["member.email"] = member?.Email, ["requester.name"] = ticket.RequesterName ?? member?.FullName,
            ["requester.email"] = ticket.RequesterEmail, ["ticket.number"] = ticket.Reference, ["ticket.subject"] = ticket.Subject,
            ["agent.name"] = agentName, ["business.name"] = businessName, ["owner.booking_link"] = await OwnerBookingLink.ReadAsync(db, ct),
        };
    }
}
