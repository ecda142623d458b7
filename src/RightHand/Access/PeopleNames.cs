using Microsoft.EntityFrameworkCore;

namespace RightHand.Access;

internal static class PeopleNames
{
    /// <summary>The names of these people in one query, for lists that show who prepared, wrote or holds something.</summary>
    public static Task<Dictionary<Guid, string>> NamesAsync(this DbSet<Person> people, IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return people.AsNoTracking().Where(p => wanted.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }
}
