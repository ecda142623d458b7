using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Platform.Database;

namespace RightHand.Support.Replies;

/// <summary>
/// Replies to members as delegated work (work type "ticket-reply"): the owner checks the assistant's answers through the
/// delegation module like any other output. A reply is never held back — a member waiting for an answer is worse than an
/// answer checked after it went out — so "approve each" means the owner reads every reply after sending, and those
/// approvals earn the promotion to "spot-checked", where a sample is drawn for review. The owner's own replies are nobody's
/// delegated work and are not recorded.
/// </summary>
internal sealed class ReplyReview(AppDb db, Approvals approvals, IStringLocalizer<Texts> l)
{
    public const string WorkType = "ticket-reply";
    public const string Module = "Support";
    private const int QuestionPreviewLength = 2000;

    /// <summary>Records a reply for review; the caller's unit of work is saved with it (the caller holds the transaction).</summary>
    public async Task RecordAsync(Ticket ticket, TicketMessage reply, Guid by, CancellationToken ct)
    {
        var role = await db.People.Where(p => p.Id == by).Select(p => p.Role).FirstOrDefaultAsync(ct);
        if (role is null or Roles.Owner) return;
        var question = await db.TicketMessages.AsNoTracking()
            .Where(m => m.TicketId == ticket.Id && m.Kind == TicketMessageKind.FromRequester)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstOrDefaultAsync(ct);
        var preview = PreviewText(question, reply.Body);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reply.Id + "\n" + reply.Body)));
        await approvals.EnsureWorkTypeAsync(WorkType, isMoney: false, ct);
        await approvals.RequestAsync(new ApprovalAsk(WorkType, Module, reply.Id.ToString(),
            l["Reply sent on {0}: {1}", ticket.Reference, ticket.Subject], preview, hash, by, SubjectMemberId: ticket.RequesterMemberId), ct);
    }

    private string PreviewText(string? question, string reply)
    {
        var asked = question is null ? "" : question.Length <= QuestionPreviewLength ? question : question[..QuestionPreviewLength] + " …";
        return asked.Length == 0 ? reply : l["The member wrote:"] + "\n" + asked + "\n\n" + l["The reply:"] + "\n" + reply;
    }
}
