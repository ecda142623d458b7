using System.Collections.Concurrent;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>
/// The six tab counts above the ticket list, kept per person for a few seconds. They are six of a list page's dozen
/// statements, and with a desk of a million tickets and 32 requests at once they cost more than the page itself
/// (bench/RESULTS.md §8). Counts are reused only while no ticket was saved in this process since, so a person sees their
/// own change at once; what another process saved (mail taken by <c>righthand mail receive</c>) and tickets moving into
/// "SLA at risk" as time passes show within <see cref="FreshFor"/>.
/// </summary>
internal sealed class TicketViewCounts(TimeProvider clock)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Guid, Counted> counted = new();

    private sealed record Counted(long Version, DateTimeOffset At, IReadOnlyDictionary<string, int> Counts);

    /// <summary>Each view's count for this person, each capped as the list caps it.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ForAsync(AppDb db, Guid person, DateTime now, CancellationToken ct = default)
    {
        var version = ChangeCounters.Of<Ticket>();
        var at = clock.GetUtcNow();
        if (counted.TryGetValue(person, out var last) && last.Version == version && at >= last.At && at - last.At < FreshFor) return last.Counts;
        var counts = new Dictionary<string, int>();
        foreach (var view in TicketFilter.Views) counts[view] = await (TicketFilter.Default with { View = view }).CountAsync(db, person, now, ct);
        counted[person] = new Counted(version, at, counts);
        return counts;
    }
}
