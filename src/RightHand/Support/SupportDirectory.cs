using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>
/// The categories and the staff's names that every ticket list and ticket page shows in its filters and menus, read once
/// and kept: three of a list page's statements, for two tables that change a few times a year. Read again as soon as this
/// process saves a category or a person, and after <see cref="FreshFor"/> at the latest (another process's change).
/// </summary>
internal sealed class SupportDirectory(TimeProvider clock)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);

    private Snapshot? kept;

    /// <summary>What the pages read; shared between requests, so never changed.</summary>
    public sealed record Snapshot(long Version, DateTimeOffset At, IReadOnlyList<TicketCategory> Categories,
        IReadOnlyList<KeyValuePair<Guid, string>> Agents, IReadOnlyDictionary<Guid, string> Names);

    public async Task<Snapshot> GetAsync(AppDb db, CancellationToken ct = default)
    {
        var version = ChangeCounters.Of<TicketCategory>() + ChangeCounters.Of<Person>();
        var at = clock.GetUtcNow();
        if (Volatile.Read(ref kept) is { } last && last.Version == version && at >= last.At && at - last.At < FreshFor) return last;
        var categories = await db.TicketCategories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        var names = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var fresh = new Snapshot(version, at, categories, await TicketQueries.AgentsAsync(db, ct), names);
        Volatile.Write(ref kept, fresh);
        return fresh;
    }
}
