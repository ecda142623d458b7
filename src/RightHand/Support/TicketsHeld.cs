using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Delegation.Offboarding;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>A leaver's tickets that still need someone go to the person who takes over; solved and closed ones keep their name.</summary>
internal sealed class TicketsHeld(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l) : IOffboardingSource
{
    public string Kind => "tickets";
    public string Heading => l["Assigned tickets"];
    public int Order => 15;
    public bool Reassigns => true;

    private IQueryable<Ticket> Open(Guid person) =>
        db.Tickets.Where(t => t.AssigneeId == person && t.State != TicketState.Solved && t.State != TicketState.Closed);

    public async Task<IReadOnlyList<HeldItem>> ListAsync(Guid person, CancellationToken ct)
    {
        var tickets = await Open(person).AsNoTracking().OrderBy(t => t.Number).Select(t => new { t.Number, t.Subject, t.State }).ToListAsync(ct);
        return [.. tickets.Select(t => new HeldItem($"#{t.Number} {t.Subject}", TicketLabels.State(t.State, l)))];
    }

    public async Task<int> ReassignAsync(Guid from, Guid to, CancellationToken ct)
    {
        var tickets = await Open(from).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var ticket in tickets) (ticket.AssigneeId, ticket.UpdatedAt) = (to, now);
        return tickets.Count;
    }
}
