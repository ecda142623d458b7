namespace RightHand.Support.Sla;

/// <summary>
/// Keeps a ticket's due times true to the service levels. The clock stands still while the ticket waits for the member:
/// each wait's business time is added up on the ticket, and the due times are the moments when the business time since
/// the ticket was opened, less those waits, reaches the targets. A due time already met or missed (first response given,
/// ticket solved) stays as it was, for the reports.
/// </summary>
internal static class TicketSla
{
    /// <summary>Sets the due times from the ticket's priority, category and waits so far; a changed due time may warn again.</summary>
    public static void Apply(Ticket ticket, SlaPolicy policy)
    {
        var target = policy.TargetFor(ticket.Priority.ToString(), ticket.CategoryId);
        var waited = TimeSpan.FromSeconds(ticket.SlaPausedSeconds);
        if (ticket.FirstRespondedAt is null)
        {
            var due = policy.Calendar.AddBusinessTime(ticket.CreatedAt, target.FirstResponse + waited);
            if (due != ticket.FirstResponseDueAt) (ticket.FirstResponseDueAt, ticket.FirstResponseWarnedAt) = (due, null);
        }
        if (ticket.State is not (TicketState.Solved or TicketState.Closed))
        {
            var due = policy.Calendar.AddBusinessTime(ticket.CreatedAt, target.Resolution + waited);
            if (due != ticket.ResolutionDueAt) (ticket.ResolutionDueAt, ticket.ResolutionWarnedAt) = (due, null);
        }
    }

    /// <summary>Stops the clock when the ticket starts waiting for the member, and moves the due times on when the wait ends.</summary>
    public static void OnStateChange(Ticket ticket, TicketState from, DateTime now, SlaPolicy policy)
    {
        if (ticket.State == TicketState.WaitingForMember)
        {
            ticket.SlaPausedAt ??= now;
            return;
        }
        if (from != TicketState.WaitingForMember || ticket.SlaPausedAt is not { } since) return;
        // Only waiting before the resolution fell due counts: a wait that starts after a breach does not undo it.
        var until = ticket.ResolutionDueAt is { } due && due < now ? due : now;
        if (until > since) ticket.SlaPausedSeconds += (long)policy.Calendar.BusinessTimeBetween(since, until).TotalSeconds;
        ticket.SlaPausedAt = null;
        Apply(ticket, policy);
    }
}
