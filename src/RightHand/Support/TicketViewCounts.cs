using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>
/// The six tab counts above the ticket list and the person's saved views, kept per person for a few seconds. The counts
/// are six of a list page's dozen statements, and with a desk of a million tickets and 32 requests at once they cost more
/// than the page itself (bench/RESULTS.md §8). Both are read again at once when this process saves a ticket or a saved
/// view, so a person sees their own change; what another process saved (mail taken by <c>righthand mail receive</c>) and
/// tickets moving into "SLA at risk" as time passes show within <see cref="FreshFor"/>.
/// </summary>
internal sealed class TicketViewCounts(TimeProvider clock)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(10);

    private readonly Kept<Guid, IReadOnlyDictionary<string, int>> counts = new(clock, FreshFor, ChangeCounters.Of<Ticket>);
    private readonly Kept<Guid, IReadOnlyList<SavedTicketView>> saved = new(clock, FreshFor, ChangeCounters.Of<SavedTicketView>);

    /// <summary>Each view's count for this person, each capped as the list caps it.</summary>
    public Task<IReadOnlyDictionary<string, int>> ForAsync(AppDb db, Guid person, DateTime now, CancellationToken ct = default) =>
        counts.GetAsync(person, async () =>
        {
            var counted = new Dictionary<string, int>();
            foreach (var view in TicketFilter.Views) counted[view] = await (TicketFilter.Default with { View = view }).CountAsync(db, person, now, ct);
            return counted;
        });

    /// <summary>The person's saved views by name; shared between requests, so never changed.</summary>
    public Task<IReadOnlyList<SavedTicketView>> SavedViewsAsync(AppDb db, Guid person, CancellationToken ct = default) =>
        saved.GetAsync(person, async () =>
            await db.SavedTicketViews.AsNoTracking().Where(v => v.PersonId == person).OrderBy(v => v.Name).ToListAsync(ct));
}
