namespace RightHand.Support.Pages;

/// <summary>
/// The ticket and the messages it shows (in a long thread the first and the latest) as the ticket page read them, cascaded to the panels inside it (side panel, links,
/// escalation) so that each does not read its own copy: four reads of the ticket and two of its messages made a third
/// of the page's statements (bench/RESULTS.md §8). A cascading value because the entities are internal and component
/// parameters must be public.
/// </summary>
internal sealed record TicketOnPage(Ticket Ticket, IReadOnlyList<TicketMessage> Messages);
