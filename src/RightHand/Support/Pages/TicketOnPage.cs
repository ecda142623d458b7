namespace RightHand.Support.Pages;

/// <summary>
/// The ticket and the messages it shows (in a long thread the first and the latest) as the ticket page read them, cascaded to the panels inside it (side panel, links,
/// escalation) so that each does not read its own copy: four reads of the ticket and two of its messages made a third
/// of the page's statements (bench/RESULTS.md §8). The same statement that reads the ticket says what else it has, so
/// that a panel with nothing to show (most tickets have no escalation, no related ticket) sends no statement at all.
/// A cascading value because the entities are internal and component parameters must be public.
/// </summary>
internal sealed record TicketOnPage(Ticket Ticket, IReadOnlyList<TicketMessage> Messages, TicketFacts Facts);

/// <summary>What the ticket page's first statement finds out besides the ticket.</summary>
/// <param name="FromOthers">The messages the reply check counts for the viewer (<see cref="Presence.ReplyCollision"/>).</param>
internal sealed record TicketFacts(int Messages, int FromOthers, string? MemberNumber, bool HasTags, bool HasAttachments, bool HasEscalations, bool HasRelatives)
{
    public static readonly TicketFacts None = new(0, 0, null, false, false, false, false);
}
