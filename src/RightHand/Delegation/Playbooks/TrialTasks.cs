using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Delegation.Tasks;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Playbooks;

/// <summary>
/// Gives a new assistant trial tasks before real work is delegated: one task per chosen playbook, briefed
/// from the playbook in the person's language, and every result is reviewed (AlwaysReview) whatever the
/// autonomy level of task results.
/// </summary>
internal sealed class TrialTasks(AppDb db, DelegatedTasks tasks, IStringLocalizer<Texts> l)
{
    public async Task<(OperationResult Result, int Created)> AssignAsync(Guid personId, IReadOnlyCollection<Guid> playbookIds, DateOnly? deadline, Guid owner, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).FirstOrDefaultAsync(TaskActor.WorksOnTasks, ct);
        if (person is null) errors.Add(l["Person: choose a person who works on tasks."]);
        var playbooks = await db.Playbooks.AsNoTracking().Where(p => playbookIds.Contains(p.Id)).ToListAsync(ct);
        if (playbookIds.Count == 0 || playbooks.Count != playbookIds.Distinct().Count()) errors.Add(l["Playbooks: choose at least one playbook."]);
        if (deadline is null) errors.Add(l["Deadline: choose a date."]);
        else if (deadline < tasks.Today) errors.Add(l["Deadline: the date has passed."]);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), 0);

        var language = person!.Language == "en" ? "en" : "de";
        foreach (var playbook in playbooks)
        {
            var title = playbook.TitleIn(language);
            var (goal, context, done) = Cultures.In(language, () => (
                l["Trial: {0}", title].Value,
                l["A trial task: it shows how this work goes for you before it is delegated for real. Follow the playbook linked below; every result is reviewed."].Value,
                l["The work is done as the playbook \"{0}\" (version {1}) describes, and the result says what was done and what in the playbook was unclear.", title, playbook.CurrentVersion].Value));
            var brief = new TaskBrief(goal, goal, context, done, deadline, TaskPriority.Normal, language, "", "", person.Id, playbook.Id);
            tasks.Add(brief, owner, isTrial: true);
        }
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, playbooks.Count);
    }
}
