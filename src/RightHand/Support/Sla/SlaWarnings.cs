using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;
using RightHand.Platform.Web;

namespace RightHand.Support.Sla;

/// <summary>
/// Warns before a service level is missed: an hour before a first response or a resolution falls due, the ticket's
/// assignee (or, for a ticket nobody has, every owner) gets one mail per due time. A ticket waiting for the member is
/// not warned about: its clock stands still. A due time that moves (priority changed, a wait ended) may warn again.
/// The mail names the ticket by number only: the subject is the member's words, and staff mails are not erased with them.
/// </summary>
internal sealed class SlaWarnings(AppDb db, Mailer mailer, TimeProvider clock, IStringLocalizer<Texts> l, IConfiguration configuration)
{
    public static readonly TimeSpan Before = TimeSpan.FromHours(1);
    private const int Batch = 200;

    /// <summary>Sends the warnings that are due; returns how many tickets were warned about.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now + Before;
        var tickets = await db.Tickets
            .Where(t => t.State != TicketState.Solved && t.State != TicketState.Closed && t.State != TicketState.WaitingForMember && t.MergedIntoId == null
                && ((t.FirstRespondedAt == null && t.FirstResponseDueAt <= soon && t.FirstResponseWarnedAt == null)
                    || (t.ResolutionDueAt <= soon && t.ResolutionWarnedAt == null)))
            .OrderBy(t => t.LastActivityAt).Take(Batch).ToListAsync(ct);
        if (tickets.Count == 0) return 0;
        var staff = await db.People.AsNoTracking().Where(p => p.RevokedAt == null && (p.Role == Roles.Owner || p.Role == Roles.Assistant || p.Role == Roles.It))
            .Select(p => new { p.Id, p.Name, p.Email, p.Role, p.Language }).ToListAsync(ct);
        var owners = staff.Where(p => p.Role == Roles.Owner).ToList();
        var site = (configuration["PublicUrl"] ?? WebHost.DefaultUrl).TrimEnd('/');
        foreach (var ticket in tickets)
        {
            var firstResponse = ticket.FirstRespondedAt == null && ticket.FirstResponseDueAt <= soon && ticket.FirstResponseWarnedAt == null;
            var due = firstResponse ? ticket.FirstResponseDueAt!.Value : ticket.ResolutionDueAt!.Value;
            var to = staff.FirstOrDefault(p => p.Id == ticket.AssigneeId) is { } assignee ? [assignee] : owners;
            foreach (var person in to)
            {
                var (subject, body) = Cultures.In(person.Language, () => (
                    firstResponse ? l["SLA warning: first response for {0} due {1}", ticket.Reference, Display.Time(due)].Value
                        : l["SLA warning: resolution of {0} due {1}", ticket.Reference, Display.Time(due)].Value,
                    l["Ticket {0} (priority {1}) is due {2}. Open it: {3}", ticket.Reference, TicketLabels.Priority(ticket.Priority, l),
                        Display.Time(due), $"{site}/support/tickets/{ticket.Number}"].Value));
                await mailer.QueueAsync(db, person.Email, person.Name, subject, body, ct);
            }
            if (firstResponse) ticket.FirstResponseWarnedAt = now;
            // A resolution as good as due at the same moment is told in the same mail.
            if (!firstResponse || ticket.ResolutionDueAt <= soon) ticket.ResolutionWarnedAt ??= now;
        }
        await db.SaveChangesAsync(ct);
        return tickets.Count;
    }
}

/// <summary>Every five minutes, sends the warnings before SLA breaches. Off when "Jobs:Enabled" is false, like the job worker.</summary>
internal sealed class SlaWarningWorker(IServiceScopeFactory scopes, ILogger<SlaWarningWorker> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SlaWarnings>().SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                log.LogError(ex, "SLA warnings could not be sent");
            }
            try { await Task.Delay(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
