using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;

namespace RightHand.Delegation.Decisions;

/// <summary>What a person proposes: the event time is UTC (the page converts from local time).</summary>
internal sealed record DecisionDraft(string Title, string Text, DateTime? EventAt, IReadOnlyCollection<Guid> Participants);

/// <summary>
/// The decision log: propose, agree, change. Agreement is to one version: a change after agreement needs
/// a reason, makes a new version and asks every participant to agree again (the decision shows as "changed
/// after agreement" until they have), and every participant but the author is told by mail what changed.
/// </summary>
internal sealed class DecisionLog(AppDb db, TimeProvider clock, Mailer mailer, IStringLocalizer<Texts> l)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>People who may take part: active, and their role may take decisions (so they can open the page and agree).</summary>
    public async Task<List<Person>> PossibleParticipantsAsync(CancellationToken ct = default)
    {
        var roles = Roles.Staff.Where(r => Permissions.RoleHas(r, Permissions.DecisionsTake)).ToList();
        return await db.People.AsNoTracking().Where(p => p.RevokedAt == null && roles.Contains(p.Role)).OrderBy(p => p.Name).ToListAsync(ct);
    }

    public async Task<(OperationResult Result, Decision? Decision)> ProposeAsync(DecisionDraft draft, Guid author, CancellationToken ct = default)
    {
        var (title, text) = (draft.Title.Trim(), draft.Text.Trim());
        if (title.Length == 0) return (OperationResult.Fail(l["Title: enter what is decided."]), null);
        if (text.Length == 0) return (OperationResult.Fail(l["Text: describe the plan or decision."]), null);
        if (draft.Participants.Count == 0) return (OperationResult.Fail(l["Participants: choose at least one person who has to agree."]), null);
        var allowed = (await PossibleParticipantsAsync(ct)).Select(p => p.Id).ToHashSet();
        if (!draft.Participants.All(allowed.Contains)) return (OperationResult.Fail(l["Participants: only active staff who take decisions can take part."]), null);

        var decision = new Decision { Title = title, Text = text, EventAt = draft.EventAt, CreatedBy = author, CreatedAt = Now, LastChangedAt = Now };
        db.Decisions.Add(decision);
        db.DecisionVersions.Add(new DecisionVersion { DecisionId = decision.Id, Number = 1, Title = title, Text = text, AuthorId = author, At = Now });
        foreach (var person in draft.Participants.Distinct()) db.DecisionParticipants.Add(new DecisionParticipant { DecisionId = decision.Id, PersonId = person });
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, decision);
    }

    /// <summary>A participant agrees to the current version; when the last one does, the decision is agreed.</summary>
    public async Task<OperationResult> AgreeAsync(Guid decisionId, Guid person, CancellationToken ct = default)
    {
        var decision = await db.Decisions.FindAsync([decisionId], ct);
        if (decision is null) return OperationResult.Fail(l["This decision does not exist."]);
        var participants = await db.DecisionParticipants.Where(p => p.DecisionId == decisionId).Select(p => p.PersonId).ToListAsync(ct);
        if (!participants.Contains(person)) return OperationResult.Fail(l["Only participants agree to a decision."]);
        var agreed = await db.DecisionAgreements.Where(a => a.DecisionId == decisionId && a.Version == decision.CurrentVersion).Select(a => a.PersonId).ToListAsync(ct);
        if (agreed.Contains(person)) return OperationResult.Fail(l["You have already agreed to this version."]);

        db.DecisionAgreements.Add(new DecisionAgreement { DecisionId = decisionId, Version = decision.CurrentVersion, PersonId = person, At = Now });
        if (participants.All(p => p == person || agreed.Contains(p)))
        {
            decision.State = DecisionState.Agreed;
            decision.AgreedAt = Now;
        }
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// Changes title and text as a new version. After agreement the reason is required and the participants
    /// agree again. Everyone taking part but the author gets a mail with the reason and the line difference.
    /// </summary>
    public async Task<OperationResult> ChangeAsync(Guid decisionId, string title, string text, string? reason, Guid author, string baseUrl, CancellationToken ct = default)
    {
        var decision = await db.Decisions.FindAsync([decisionId], ct);
        if (decision is null) return OperationResult.Fail(l["This decision does not exist."]);
        (title, text, reason) = (title.Trim(), text.Trim(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        if (title.Length == 0) return OperationResult.Fail(l["Title: enter what is decided."]);
        if (text.Length == 0) return OperationResult.Fail(l["Text: describe the plan or decision."]);
        var wasAgreed = decision.State != DecisionState.Proposed;
        if (wasAgreed && reason is null) return OperationResult.Fail(l["Reason: a change after agreement needs a reason."]);
        if (title == decision.Title && text == decision.Text) return OperationResult.Fail(l["Nothing changed: edit the title or the text."]);

        var before = (decision.Title, decision.Text);
        var late = decision.IsLate(Now);
        var version = new DecisionVersion
        {
            DecisionId = decision.Id, Number = decision.CurrentVersion + 1, Title = title, Text = text, Reason = reason, AuthorId = author, At = Now, LateChange = late,
        };
        db.DecisionVersions.Add(version);
        decision.Title = title;
        decision.Text = text;
        decision.CurrentVersion = version.Number;
        decision.LastChangedAt = Now;
        decision.HasLateChange |= late;
        if (wasAgreed) decision.State = DecisionState.ChangedAfterAgreement;
        await NotifyAsync(decision, version, before, baseUrl, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    private async Task NotifyAsync(Decision decision, DecisionVersion version, (string Title, string Text) before, string baseUrl, CancellationToken ct)
    {
        var authorName = await db.People.Where(p => p.Id == version.AuthorId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "?";
        var recipients = await db.DecisionParticipants.Where(p => p.DecisionId == decision.Id && p.PersonId != version.AuthorId)
            .Join(db.People.Where(p => p.RevokedAt == null), p => p.PersonId, p => p.Id, (_, p) => p).ToListAsync(ct);
        var link = $"{baseUrl.TrimEnd('/')}/delegation/decisions/{decision.Id}";
        var diff = DiffText(before, (version.Title, version.Text));
        foreach (var person in recipients)
        {
            var (subject, body) = Cultures.In(person.Language, () =>
            {
                var text = new StringBuilder();
                text.Append(l["Hello {0},", person.Name].Value).Append("\n\n");
                text.Append(l["{0} changed the decision \"{1}\" (version {2}).", authorName, version.Title, version.Number].Value).Append("\n\n");
                if (version.LateChange)
                    text.Append(l["LATE CHANGE: this change was made less than 24 hours before the event ({0}).", Platform.Web.Display.Time(decision.EventAt)].Value).Append("\n\n");
                text.Append(l["Reason: {0}", version.Reason ?? "—"].Value).Append("\n\n");
                text.Append(l["What changed (− removed, + added):"].Value).Append('\n').Append(diff).Append('\n');
                text.Append(l["Read the new version and agree to it here:"].Value).Append('\n').Append(link).Append('\n');
                var subjectText = version.LateChange
                    ? l["Late change to a decision: {0}", version.Title].Value
                    : l["Decision changed: {0}", version.Title].Value;
                return (subjectText, text.ToString());
            });
            await mailer.QueueAsync(db, person.Email, person.Name, subject, body, ct);
        }
    }

    /// <summary>The line difference as plain text, for mail: "− " removed, "+ " added, two spaces unchanged.</summary>
    public static string DiffText((string Title, string Text) before, (string Title, string Text) after)
    {
        var text = new StringBuilder();
        foreach (var line in TextDiff.Lines($"{before.Title}\n\n{before.Text}", $"{after.Title}\n\n{after.Text}"))
            text.Append(line.Kind switch { TextDiff.Kind.Added => "+ ", TextDiff.Kind.Removed => "− ", _ => "  " }).Append(line.Text).Append('\n');
        return text.ToString();
    }
}

internal static class DecisionsModule
{
    public static IServiceCollection AddDecisions(this IServiceCollection services) => services.AddScoped<DecisionLog>();
}
