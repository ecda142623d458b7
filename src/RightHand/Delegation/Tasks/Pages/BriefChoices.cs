using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Tasks.Pages;

/// <summary>What the brief forms offer: the people a task may go to, and the playbooks to link.</summary>
internal static class BriefChoices
{
    /// <summary>The owner picks anyone who works on tasks; everyone else only themselves.</summary>
    public static async Task<List<(Guid Id, string Name)>> AssigneesAsync(AppDb db, TaskActor me) =>
        (await db.People.AsNoTracking()
            .Where(TaskActor.WorksOnTasks).Where(p => me.IsOwner || p.Id == me.PersonId)
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync())
        .Select(p => (p.Id, p.Name)).ToList();

    public static async Task<List<(Guid Id, string Title)>> PlaybooksAsync(AppDb db, string language) =>
        (await db.Playbooks.AsNoTracking().ToListAsync())
        .Select(p => (p.Id, p.TitleIn(language))).OrderBy(p => p.Item2, StringComparer.CurrentCultureIgnoreCase).ToList();
}
