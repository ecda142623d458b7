using System.Collections.Concurrent;

namespace RightHand.Platform.Database;

/// <summary>
/// Values read from the database and kept for a short while, per key: reused while the change count of the entity types
/// they are read from has not moved (<see cref="ChangeCounters"/>, so this process's own saves show at once) and while
/// younger than the given time (what another process saved shows within it). For small figures every page of a busy
/// list would otherwise read again: tab counts, saved views, categories.
/// </summary>
internal sealed class Kept<TKey, TValue>(TimeProvider clock, TimeSpan freshFor, Func<long> version) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> entries = new();

    private sealed record Entry(long Version, DateTimeOffset At, TValue Value);

    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> read)
    {
        // The version is taken before reading, so a save that lands meanwhile makes the next request read again.
        var current = version();
        var at = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var kept) && kept.Version == current && at >= kept.At && at - kept.At < freshFor) return kept.Value;
        var value = await read();
        entries[key] = new Entry(current, at, value);
        return value;
    }
}
