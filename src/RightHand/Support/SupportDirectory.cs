using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>
/// The categories, the staff's names and the macros that every ticket list and ticket page shows in its filters and
/// menus, read once and kept: three of a list page's statements and one of a ticket page's, for tables that change a few
/// times a year. Read again as soon as this process saves one of them, and after <see cref="FreshFor"/> at the latest
/// (another process's change).
/// </summary>
internal sealed class SupportDirectory(TimeProvider clock)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);

    private readonly Kept<bool, Snapshot> kept = new(clock, FreshFor, () => ChangeCounters.Of<TicketCategory>() + ChangeCounters.Of<Person>() + ChangeCounters.Of<Macros.SupportMacro>());

    /// <summary>What the pages read; shared between requests, so never changed.</summary>
    public sealed record Snapshot(IReadOnlyList<TicketCategory> Categories, IReadOnlyList<KeyValuePair<Guid, string>> Agents,
        IReadOnlyDictionary<Guid, string> Names, IReadOnlyList<KeyValuePair<Guid, string>> Macros);

    public Task<Snapshot> GetAsync(AppDb db, CancellationToken ct = default) =>
        kept.GetAsync(true, async () => new Snapshot(
            await db.TicketCategories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct),
            await TicketQueries.AgentsAsync(db, ct),
            await db.People.AsNoTracking().Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct),
            (await db.SupportMacros.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync(ct)).Select(m => KeyValuePair.Create(m.Id, m.Name)).ToList()));
}
