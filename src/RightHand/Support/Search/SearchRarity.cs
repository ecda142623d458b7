using System.Collections.Concurrent;
using RightHand.Platform.Database;

namespace RightHand.Support.Search;

/// <summary>
/// <see cref="TicketSearch.IsRareAsync"/>, kept per search text for a while: PostgreSQL's statistics change only when
/// ANALYZE runs, a word's share of the tickets slowly, and the same search is asked again for each page, sort and filter
/// of its results. Asked on every page, the common-word searches' p95 was about 70 ms higher at a million tickets
/// (bench/RESULTS.md §8). At most <see cref="MaxKept"/> texts are kept; past that the store starts over.
/// </summary>
internal sealed class SearchRarity(TimeProvider clock)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(10);
    public const int MaxKept = 1_000;

    private readonly ConcurrentDictionary<string, (bool Rare, DateTimeOffset At)> kept = new(StringComparer.Ordinal);

    public async Task<bool> IsRareAsync(AppDb db, string search, CancellationToken ct = default)
    {
        if (!TicketSearch.IsFullText(search)) return false;
        var key = search.Trim();
        var now = clock.GetUtcNow();
        if (kept.TryGetValue(key, out var entry) && now >= entry.At && now - entry.At < FreshFor) return entry.Rare;
        var rare = await TicketSearch.IsRareAsync(db, key, ct);
        if (kept.Count >= MaxKept) kept.Clear();
        kept[key] = (rare, now);
        return rare;
    }
}
