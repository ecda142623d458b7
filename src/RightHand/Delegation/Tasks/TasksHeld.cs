using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Delegation.Offboarding;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Tasks;

/// <summary>
/// A leaver's open tasks and recurring tasks go to the person who takes over, with their briefs, comments
/// and time logs; the handover report names the playbooks behind that work, so the knowledge stays.
/// </summary>
internal sealed class TasksHeld(AppDb db, IStringLocalizer<Texts> l) : IOffboardingSource, IHandoverSection
{
    public string Kind => "tasks";
    public string Heading => l["Open tasks and recurring tasks"];
    public int Order => 10;
    public bool Reassigns => true;
    int IHandoverSection.Order => 40;

    private IQueryable<DelegatedTask> Open(Guid person) => db.DelegatedTasks.Where(t => t.AssigneeId == person && t.State != TaskState.Done);

    private IQueryable<RecurringTask> Recurring(Guid person) => db.RecurringTasks.Where(r => r.AssigneeId == person && r.Active);

    public async Task<IReadOnlyList<HeldItem>> ListAsync(Guid person, CancellationToken ct)
    {
        var tasks = await Open(person).AsNoTracking().OrderBy(t => t.Deadline).Select(t => new { t.Title, t.State, t.Deadline }).ToListAsync(ct);
        var recurring = await Recurring(person).AsNoTracking().OrderBy(r => r.Title).Select(r => r.Title).ToListAsync(ct);
        return [
            .. tasks.Select(t => new HeldItem(t.Title, l["{0}, due {1}", TaskStates.Label(t.State, l), t.Deadline.ToString("d", CultureInfo.CurrentCulture)])),
            .. recurring.Select(title => new HeldItem(title, l["recurring task"])),
        ];
    }

    public async Task<int> ReassignAsync(Guid from, Guid to, CancellationToken ct)
    {
        var tasks = await Open(from).ToListAsync(ct);
        foreach (var task in tasks) task.AssigneeId = to;
        var recurring = await Recurring(from).ToListAsync(ct);
        foreach (var schedule in recurring) schedule.AssigneeId = to;
        return tasks.Count + recurring.Count;
    }

    /// <summary>The playbooks behind the person's work (linked from their tasks) and those they wrote or revised.</summary>
    public async Task<HandoverSection?> WriteAsync(Guid person, CancellationToken ct)
    {
        var linked = await db.DelegatedTasks.AsNoTracking().Where(t => t.AssigneeId == person && t.PlaybookId != null).Select(t => t.PlaybookId!.Value)
            .Union(db.RecurringTasks.AsNoTracking().Where(r => r.AssigneeId == person && r.PlaybookId != null).Select(r => r.PlaybookId!.Value))
            .ToListAsync(ct);
        var written = await db.PlaybookVersions.AsNoTracking().Where(v => v.AuthorId == person).Select(v => v.PlaybookId).Distinct().ToListAsync(ct);
        var ids = linked.Concat(written).Distinct().ToList();
        if (ids.Count == 0) return null;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var playbooks = await db.Playbooks.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return new HandoverSection(l["Their playbooks"], [.. playbooks.OrderBy(p => p.TitleIn(language), StringComparer.CurrentCulture)
            .Select(p => l["{0} (version {1}, /delegation/playbooks/{2}){3}", p.TitleIn(language), p.CurrentVersion, p.Id,
                written.Contains(p.Id) ? " · " + l["written or revised by this person"] : ""].Value)]);
    }
}
