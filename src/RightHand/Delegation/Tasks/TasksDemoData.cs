using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Delegation.Playbooks;
using RightHand.Platform.Database;
using RightHand.Platform.Demo;

namespace RightHand.Delegation.Tasks;

/// <summary>
/// The assistant's work in the demo: playbooks for the recurring jobs, a weekly statistics task on a
/// schedule, tasks in every state (one overdue, one waiting for approval, one sent back) and six weeks of
/// logged time, so the control-cost card has something to weigh.
/// </summary>
internal sealed class TasksDemoData(DelegatedTasks tasks, RecurringTasks recurring, PlaybookLibrary playbooks, TimeProvider clock) : IDemoDataSource
{
    public int Order => 5;

    public async Task LoadAsync(AppDb db, CultureInfo culture, CancellationToken ct)
    {
        var de = culture.TwoLetterISOLanguageName == "de";
        var ownerPerson = await db.People.Where(p => p.Role == Roles.Owner).Select(p => new { p.Id, p.Name }).FirstAsync(ct);
        var owner = new TaskActor(ownerPerson.Id, IsOwner: true);
        var ownerFirstName = ownerPerson.Name.Split(' ')[0];
        var maria = new TaskActor(await db.People.Where(p => p.Role == Roles.Assistant).Select(p => p.Id).FirstAsync(ct), IsOwner: false);
        var today = tasks.Today;

        var statistics = Ok(await playbooks.WriteAsync(new PlaybookDraft(
            "Wöchentliche Mitgliederstatistik",
            "## Wann\nJeden Montag bis 12 Uhr.\n\n## Schritte\n1. Mitgliederliste als CSV exportieren.\n2. Aktive, neue und gekündigte Mitglieder zählen.\n3. Kündigungen nach Grund aufschlüsseln.\n4. Ergebnis als Aufgabe einreichen.\n\n> Zahlen immer mit der Vorwoche vergleichen.",
            "Weekly member statistics",
            "## When\nEvery Monday by noon.\n\n## Steps\n1. Export the member list as CSV.\n2. Count active, new and cancelled members.\n3. Break the cancellations down by reason.\n4. Submit the result as a task.\n\n> Always compare with the week before.",
            de ? "Erste Fassung" : "First version"), owner.PersonId, ct));
        var dunning = Ok(await playbooks.WriteAsync(new PlaybookDraft(
            "Zahlungserinnerungen versenden", "1. Offene Posten älter als 14 Tage filtern.\n2. Freundliche Erinnerung aus der Vorlage senden.\n3. Nach 28 Tagen: an die Inhaberin geben, **nicht** selbst mahnen.",
            "Sending payment reminders", "1. Filter open items older than 14 days.\n2. Send the friendly reminder from the template.\n3. After 28 days: hand over to the owner, do **not** send a dunning letter yourself.",
            de ? "Erste Fassung" : "First version"), maria.PersonId, ct));

        Ok(await recurring.SetUpAsync(Brief(de ? "Wöchentliche Mitgliederstatistik" : "Weekly member statistics",
            de ? "Die Inhaberin sieht jeden Montag, wie sich die Mitgliedschaft entwickelt." : "The owner sees every Monday how membership develops.",
            de ? "Zahlen für aktiv, neu, gekündigt (mit Gründen), verglichen mit der Vorwoche." : "Figures for active, new, cancelled (with reasons), compared with the week before.",
            today, maria.PersonId, statistics), RecurrenceKind.Weekly, weekday: 1, dayOfMonth: 1, deadlineAfterDays: 0, owner, ct));

        // Overdue, briefed but not started.
        await BriefAsync(de ? "Zahlungserinnerungen Oktober" : "Payment reminders, October", de ? "Offene Beiträge freundlich erinnern." : "Remind members of open fees, kindly.",
            de ? "Alle Mitglieder mit Posten älter als 14 Tage haben eine Erinnerung." : "Every member with items older than 14 days has had a reminder.", today.AddDays(-2), dunning);
        // In progress, with time logged over the past weeks.
        var cleanup = await BriefAsync(de ? "Mitgliederliste bereinigen" : "Clean up the member list", de ? "Doppelte Einträge nach dem Import im Mai entfernen." : "Remove duplicates left by the import in May.",
            de ? "Keine Dubletten mehr; eine Liste der zusammengeführten Einträge ist angehängt." : "No duplicates left; a list of the merged entries is attached.", today.AddDays(4), null,
            de ? "Export ziehen\nDubletten markieren\nZusammenführen" : "Export the list\nMark duplicates\nMerge");
        Ok(await tasks.StartAsync(cleanup, maria, ct));
        var checklist = await db.ChecklistItems.Where(i => i.TaskId == cleanup).OrderBy(i => i.Position).Select(i => i.Id).FirstAsync(ct);
        Ok(await tasks.TickAsync(cleanup, checklist, true, maria, ct));
        Ok(await tasks.CommentAsync(cleanup, de ? $"Bei 12 Einträgen bin ich unsicher, ob es dieselbe Person ist. @{ownerFirstName}, schaust du kurz drauf?" : $"For 12 entries I am not sure it is the same person. @{ownerFirstName}, could you have a look?", maria, ct));
        // Submitted: waits in the approval queue.
        var faq = await BriefAsync(de ? "FAQ zur Beitragserhöhung" : "FAQ on the fee increase", de ? "Mitglieder verstehen die neue Beitragsstufe ohne Rückfragen." : "Members understand the new fee level without asking.",
            de ? "Fünf Fragen und Antworten, freundlich, höchstens eine Seite." : "Five questions and answers, friendly, one page at most.", today.AddDays(2), null);
        Ok(await tasks.StartAsync(faq, maria, ct));
        Ok(await tasks.SubmitAsync(faq, de
            ? "1. Warum steigt der Beitrag? – Wegen höherer Kosten für Räume und Referenten.\n2. Ab wann? – Ab 1. Januar.\n3. Muss ich etwas tun? – Nein, die Lastschrift passt sich an.\n4. Kann ich kündigen? – Ja, mit einem Monat Frist.\n5. Gibt es Ermäßigung? – Ja, für Studierende."
            : "1. Why is the fee going up? – Higher costs for rooms and speakers.\n2. From when? – From 1 January.\n3. Do I need to do anything? – No, the direct debit adjusts.\n4. Can I cancel? – Yes, with one month's notice.\n5. Is there a reduced fee? – Yes, for students.", maria, ct));

        // Six weeks of logged time on the cleanup (the work the owner's checking is set against).
        var random = new Random(2026);
        for (var day = today.AddDays(-41); day <= today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            db.TaskTimeLogs.Add(new TaskTimeLog
            {
                TaskId = cleanup, PersonId = maria.PersonId, Day = day, Minutes = 90 + random.Next(0, 13) * 10,
                Note = de ? "Support und Listenpflege" : "Support and list upkeep", LoggedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        await db.SaveChangesAsync(ct);

        async Task<Guid> BriefAsync(string title, string goal, string done, DateOnly deadline, Guid? playbook, string checklist = "") =>
            Ok(await tasks.BriefAsync(Brief(title, goal, done, deadline, maria.PersonId, playbook, checklist), owner, ct));

        TaskBrief Brief(string title, string goal, string done, DateOnly deadline, Guid assignee, Guid? playbook, string checklist = "") =>
            new(title, goal, de ? "Siehe Anleitung, falls verlinkt." : "See the playbook if one is linked.", done, deadline,
                TaskPriority.Normal, de ? "de" : "en", "", checklist, assignee, playbook);
    }

    private static Guid Ok((OperationResult Result, Guid? Id) outcome)
    {
        outcome.Result.ThrowIfFailed();
        return outcome.Id!.Value;
    }

    private static void Ok(OperationResult result) => result.ThrowIfFailed();
}
