using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>The owner's list of ticket categories: add, rename, archive (a category in use is archived, never deleted).</summary>
internal sealed class TicketCategories(AppDb db, IStringLocalizer<Texts> l)
{
    public Task<List<TicketCategory>> ListAsync(bool withArchived, CancellationToken ct = default) =>
        db.TicketCategories.AsNoTracking().Where(c => withArchived || !c.Archived).OrderBy(c => c.Name).ToListAsync(ct);

    public async Task<OperationResult> AddAsync(string? name, CancellationToken ct = default)
    {
        var (clean, error) = await CheckNameAsync(name, null, ct);
        if (error is not null) return OperationResult.Fail(error);
        db.TicketCategories.Add(new TicketCategory { Name = clean });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> RenameAsync(Guid id, string? name, CancellationToken ct = default)
    {
        var category = await db.TicketCategories.FindAsync([id], ct);
        if (category is null) return OperationResult.Fail(l["This category does not exist."]);
        var (clean, error) = await CheckNameAsync(name, id, ct);
        if (error is not null) return OperationResult.Fail(error);
        category.Name = clean;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Archived categories stay on their tickets and in the filter, but new tickets cannot be filed under them.</summary>
    public async Task<OperationResult> SetArchivedAsync(Guid id, bool archived, CancellationToken ct = default)
    {
        var category = await db.TicketCategories.FindAsync([id], ct);
        if (category is null) return OperationResult.Fail(l["This category does not exist."]);
        category.Archived = archived;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    private async Task<(string Name, string? Error)> CheckNameAsync(string? name, Guid? self, CancellationToken ct)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length is 0 or > 100) return (clean, l["Category name: enter a name of at most 100 characters."]);
        if (await db.TicketCategories.AnyAsync(c => c.Name == clean && c.Id != self, ct)) return (clean, l["Category name: a category with this name exists already."]);
        return (clean, null);
    }
}
