using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Members;
using RightHand.Members.Webhooks;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Web;
using RightHand.Support.Api;

namespace RightHand.Support.Escalations;

/// <summary>The links a tracker needs: the escalation's page for people, the API address for the PATCH round trip.</summary>
internal sealed record EscalationLinks(string Page, string Api);

/// <summary>
/// What changed: the history step (its kind as in the API's history), its text, and whether IT's tracker made it (a token of no
/// person, as the API's history shows "IT's tracker"; an escalation filed without a person is no tracker's).
/// </summary>
internal sealed record EscalationChange(string Kind, string? Text, bool ByTracker, DateTime At);

/// <summary>
/// The escalation as the tracker gets it: the report, the affected member's number only (no name, no e-mail: the tracker
/// needs a key to the member, not their data), and the links back.
/// </summary>
internal sealed record TrackedEscalation(Guid Id, long TicketNumber, string Status, string Severity, string Summary, string StepsToReproduce, string Expected,
    string Actual, string Environment, string? AffectedMemberNumber, string? Question, string? Resolution, string? ExternalReference, DateTime CreatedAt,
    DateTime UpdatedAt, EscalationLinks Links);

/// <summary>A delivery to IT's tracker: its id (to drop repeats), the event, when the change happened, the change, and the escalation now.</summary>
internal sealed record EscalationWebhookPayload(Guid Id, string Event, DateTime OccurredAt, EscalationChange Change, TrackedEscalation Escalation);

/// <summary>
/// IT's own tracker, told about each escalation to IT and each of its changes. It is a row in the member webhooks' table that
/// wants only the escalation events, so the webhooks' URL check, secret (kept out of the audit trail), signature, sender,
/// retries, delivery log and resend serve it unchanged. The deliveries are queued in the same unit of work as the change
/// (an outbox without a dispatcher): a rolled-back change sends nothing and a committed one cannot be lost.
/// </summary>
internal sealed class EscalationTracker(AppDb db, WebhookRegistry registry, TimeProvider clock, IConfiguration configuration, IStringLocalizer<Texts> l)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The tracker's webhook, or null while none is set.</summary>
    public Task<Webhook?> FindAsync(CancellationToken ct = default) =>
        db.Webhooks.AsNoTracking().Where(w => (w.Events & WebhookEvents.Escalations) != 0).OrderBy(w => w.CreatedAt).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Sets the tracker's address. The first time a secret is made and returned, to be shown once; changing the address
    /// keeps the secret (null is returned then).
    /// </summary>
    public async Task<(OperationResult Result, string? Secret)> SetAsync(string? url, Guid? by, CancellationToken ct = default)
    {
        url = url?.Trim() ?? "";
        if (registry.CheckUrl(url) is { } problem) return (OperationResult.Fail(problem), null);
        var hook = await db.Webhooks.Where(w => (w.Events & WebhookEvents.Escalations) != 0).OrderBy(w => w.CreatedAt).FirstOrDefaultAsync(ct);
        if (hook is not null)
        {
            (hook.Url, hook.Active) = (url, true);
            await db.SaveChangesAsync(ct);
            return (OperationResult.Ok, null);
        }
        var secret = WebhookRegistry.NewSecret();
        db.Webhooks.Add(new Webhook { Url = url, Events = WebhookEvents.Escalations, Secret = secret, CreatedAt = Now, CreatedBy = by });
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, secret);
    }

    /// <summary>Switching off removes the address with its deliveries and log; escalations are not sent anywhere from then on.</summary>
    public async Task<OperationResult> RemoveAsync(CancellationToken ct = default) =>
        await FindAsync(ct) is { } hook ? await registry.DeleteAsync(hook.Id, ct) : OperationResult.Fail(l["No tracker address is set."]);

    public async Task<(OperationResult Result, string? Secret)> RenewSecretAsync(CancellationToken ct = default) =>
        await FindAsync(ct) is { } hook ? await registry.RenewSecretAsync(hook.Id, ct) : (OperationResult.Fail(l["No tracker address is set."]), null);

    /// <summary>
    /// Queues one delivery per active tracker for a step in an IT escalation's history, in the caller's unit of work: the caller's
    /// save commits it with the change. Escalations to the owner are personal matters and never leave the system. Static, so
    /// that code adding escalations without the desk (a support rule) can queue them the same way.
    /// </summary>
    public static async Task QueueAsync(AppDb db, Escalation escalation, EscalationEvent step, DateTime now, CancellationToken ct = default)
    {
        if (escalation.Kind != EscalationKind.It) return;
        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.Active && (w.Events & WebhookEvents.Escalations) != 0).Select(w => w.Id).ToListAsync(ct);
        if (hooks.Count == 0) return;
        // The ticket may be new in this unit of work (a rule escalating as the ticket opens).
        var number = db.Tickets.Local.FirstOrDefault(t => t.Id == escalation.TicketId)?.Number
            ?? await db.Tickets.Where(t => t.Id == escalation.TicketId).Select(t => t.Number).FirstAsync(ct);
        foreach (var hook in hooks)
        {
            var delivery = new WebhookDelivery
            {
                WebhookId = hook, EventId = step.Id, EscalationId = escalation.Id, MemberId = Guid.Empty, Number = "#" + number,
                Kind = step.Kind == EscalationEventKind.Escalated ? MemberEventKind.Created : MemberEventKind.Updated, OccurredAt = step.At, CreatedAt = now,
                NextAttemptAt = now,
            };
            db.WebhookDeliveries.Add(delivery);
            await db.EnqueueAsync(WebhookSender.JobKind, new SendWebhook(delivery.Id, Resend: false), now, ct: ct);
        }
    }

    /// <summary>
    /// The payload, read when sent (as the member webhooks do): the escalation as it is then, so an erasure meanwhile leaves
    /// nothing personal in it; the change is the history step the delivery was queued for.
    /// </summary>
    public async Task<EscalationWebhookPayload> PayloadAsync(WebhookDelivery delivery, CancellationToken ct = default)
    {
        var e = await db.Escalations.AsNoTracking().FirstAsync(x => x.Id == delivery.EscalationId, ct);
        var step = await db.EscalationEvents.AsNoTracking().FirstOrDefaultAsync(v => v.Id == delivery.EventId, ct);
        var ticket = await db.Tickets.Where(t => t.Id == e.TicketId).Select(t => t.Number).FirstAsync(ct);
        var member = e.AffectedMemberId is { } m ? await db.Members.Where(x => x.Id == m).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        var site = (configuration["PublicUrl"] ?? WebHost.DefaultUrl).TrimEnd('/');
        var change = step is null ? new EscalationChange("updated", null, false, delivery.OccurredAt)
            : new EscalationChange(TicketSync.Name(step.Kind), step.Text, ByTracker: step.ByPersonId is null && step.Kind != EscalationEventKind.Escalated, step.At);
        var tracked = new TrackedEscalation(e.Id, ticket, TicketSync.Name(e.Status), TicketSync.Name(e.Severity), e.Summary ?? "", e.StepsToReproduce ?? "",
            e.Expected ?? "", e.Actual ?? "", e.Environment ?? "", member, e.Question, e.Resolution, e.ExternalReference, e.CreatedAt, e.UpdatedAt,
            new EscalationLinks($"{site}/support/escalations/{e.Id}", $"{site}/api/v1/escalations/{e.Id}"));
        return new EscalationWebhookPayload(delivery.Id, WebhookEventNames.Name(delivery), delivery.OccurredAt, change, tracked);
    }
}
