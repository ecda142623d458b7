using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Web;

namespace RightHand.Delegation.Offboarding;

/// <summary>What a person holds of one kind.</summary>
internal sealed record HeldGroup(IOffboardingSource Source, IReadOnlyList<HeldItem> Items);

/// <summary>
/// Handing over everything a leaving person holds and ending their access, in one step and one
/// transaction: every source moves its items to the successor, sessions and tokens end, the person is
/// revoked, and the handover report is kept as it was at that moment.
/// </summary>
internal sealed class Handover(AppDb db, AccessOperations access, TimeProvider clock, IStringLocalizer<Texts> l,
    IEnumerable<IOffboardingSource> sources, IEnumerable<IHandoverSection> sections)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<HeldGroup>> HeldAsync(Guid person, CancellationToken ct = default)
    {
        var groups = new List<HeldGroup>();
        foreach (var source in sources.OrderBy(s => s.Order)) groups.Add(new HeldGroup(source, await source.ListAsync(person, ct)));
        return groups;
    }

    /// <summary>Active staff who can take over: everyone with staff access but the leaver.</summary>
    public Task<List<Person>> SuccessorsAsync(Guid leaver, CancellationToken ct = default) =>
        db.People.AsNoTracking().Where(p => p.RevokedAt == null && p.Id != leaver && Roles.Staff.Contains(p.Role)).OrderBy(p => p.Name).ToListAsync(ct);

    public Task<OffboardingRecord?> RecordAsync(Guid person, CancellationToken ct = default) =>
        db.OffboardingRecords.AsNoTracking().Where(r => r.PersonId == person).OrderByDescending(r => r.At).FirstOrDefaultAsync(ct);

    /// <summary>The report kept at the offboarding, or, before it, a preview of what it would say now; null for an unknown person.</summary>
    public async Task<string?> ReportAsync(Guid person, CancellationToken ct = default)
    {
        if (await RecordAsync(person, ct) is { } record) return record.Report;
        var leaver = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == person, ct);
        return leaver is null ? null : await WriteReportAsync(leaver, null, await HeldAsync(person, ct), ct);
    }

    /// <summary>Reassigns everything <paramref name="person"/> holds to <paramref name="successor"/> and revokes their access.</summary>
    public async Task<OperationResult> OffboardAsync(Guid person, Guid successor, Guid by, CancellationToken ct = default)
    {
        if (person == by) return OperationResult.Fail(l["You cannot offboard yourself."]);
        var leaver = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == person, ct);
        if (leaver is not { IsActive: true }) return OperationResult.Fail(l["This person has no access to revoke."]);
        var taker = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == successor, ct);
        if (successor == person || taker is null || !taker.IsActive || !Roles.Staff.Contains(taker.Role))
            return OperationResult.Fail(l["Taken over by: choose an active staff person other than the one leaving."]);

        var held = await HeldAsync(person, ct);
        var report = await WriteReportAsync(leaver, taker, held, ct);
        // Revocation checks come first (last owner, …): when it refuses, nothing has been touched yet.
        var revoked = await access.StageRevocationAsync(person, by, ct);
        if (!revoked.Succeeded) return revoked;
        var moved = 0;
        foreach (var group in held) moved += await group.Source.ReassignAsync(person, successor, ct);
        db.OffboardingRecords.Add(new OffboardingRecord { PersonId = person, SuccessorId = successor, OffboardedBy = by, At = Now, ItemsReassigned = moved, Report = report });
        db.Audit.Record("offboarded", "Delegation", nameof(Person), person.ToString(), new Dictionary<string, string?>
        {
            ["Person"] = leaver.Name, ["TakenOverBy"] = taker.Name, ["ItemsReassigned"] = moved.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    private async Task<string> WriteReportAsync(Person leaver, Person? taker, IReadOnlyList<HeldGroup> held, CancellationToken ct)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(l["Handover report: {0}", leaver.Name].Value).Append("\n\n");
        md.Append("- ").Append(l["Date: {0}", Display.Time(Now)].Value).Append('\n');
        md.Append("- ").Append(taker is null ? l["Preview: nothing has been handed over yet."].Value : l["Taken over by: {0}", taker.Name].Value).Append('\n');
        md.Append("- ").Append(l["Role: {0}", l[leaver.Role]].Value).Append("\n\n");

        md.Append("## ").Append(l["Open items handed over"].Value).Append("\n\n");
        AppendGroups(md, held.Where(g => g.Source.Reassigns));
        md.Append("## ").Append(l["Access that ends"].Value).Append("\n\n");
        AppendGroups(md, held.Where(g => !g.Source.Reassigns));

        foreach (var section in sections.OrderBy(s => s.Order))
        {
            if (await section.WriteAsync(leaver.Id, ct) is not { } written) continue;
            md.Append("## ").Append(Escape(written.Heading)).Append("\n\n");
            foreach (var line in written.Lines) md.Append("- ").Append(Escape(line)).Append('\n');
            md.Append('\n');
        }
        return md.ToString();
    }

    private void AppendGroups(StringBuilder md, IEnumerable<HeldGroup> groups)
    {
        foreach (var group in groups)
        {
            md.Append("### ").Append(Escape(group.Source.Heading)).Append(" (").Append(group.Items.Count).Append(")\n\n");
            if (group.Items.Count == 0) md.Append(l["None."].Value).Append('\n');
            foreach (var item in group.Items)
                md.Append("- ").Append(Escape(item.Title)).Append(item.Detail is null ? "" : $" — {Escape(item.Detail)}").Append('\n');
            md.Append('\n');
        }
    }

    // Titles are typed by people: a line break in one would end its list item and could start a heading.
    private static string Escape(string text) => text.ReplaceLineEndings(" ");
}
