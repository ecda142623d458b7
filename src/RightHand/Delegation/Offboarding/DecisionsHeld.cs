using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Delegation.Decisions;
using RightHand.Platform.Database;
using RightHand.Platform.Web;

namespace RightHand.Delegation.Offboarding;

/// <summary>
/// Decisions still ahead (no event date, or the event is not over) in which the person takes part: the
/// successor takes their place. An agreement the leaver gave stays in the history under their name; a
/// decision already agreed stays agreed (the successor takes over an agreed plan), one not yet agreed
/// waits for the successor's agreement. Past decisions stay as they were: they are history.
/// </summary>
internal sealed class DecisionsHeld(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l) : IOffboardingSource, IHandoverSection
{
    public string Kind => "decisions";
    public string Heading => l["Decisions ahead"];
    public int Order => 30;
    public bool Reassigns => true;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<Decision> Ahead(Guid person)
    {
        var now = Now;
        return db.Decisions.Where(d => (d.EventAt == null || d.EventAt >= now)
            && db.DecisionParticipants.Any(p => p.DecisionId == d.Id && p.PersonId == person));
    }

    public async Task<IReadOnlyList<HeldItem>> ListAsync(Guid person, CancellationToken ct) =>
        (await Ahead(person).AsNoTracking().OrderBy(d => d.EventAt).ToListAsync(ct))
            .Select(d => new HeldItem(d.Title, l["{0}, event {1}", DecisionStates.Describe(d.State, l), Display.Time(d.EventAt)])).ToList();

    public async Task<int> ReassignAsync(Guid from, Guid to, CancellationToken ct)
    {
        var ids = await Ahead(from).Select(d => d.Id).ToListAsync(ct);
        var places = await db.DecisionParticipants.Where(p => ids.Contains(p.DecisionId) && (p.PersonId == from || p.PersonId == to)).ToListAsync(ct);
        foreach (var place in places.Where(p => p.PersonId == from))
        {
            // The key is the pair (decision, person), so the place is given up and taken anew.
            db.DecisionParticipants.Remove(place);
            if (!places.Any(p => p.DecisionId == place.DecisionId && p.PersonId == to))
                db.DecisionParticipants.Add(new DecisionParticipant { DecisionId = place.DecisionId, PersonId = to });
        }
        await CompleteAgreementsAsync(places.Where(p => p.PersonId == to).Select(p => p.DecisionId).ToList(), from, ct);
        return ids.Count;
    }

    /// <summary>
    /// Where the successor already took part, the leaver's place simply goes; if the leaver was the last one
    /// missing, everyone left has agreed and the decision is agreed now (nobody else could make it so).
    /// </summary>
    private async Task CompleteAgreementsAsync(List<Guid> shared, Guid leaver, CancellationToken ct)
    {
        if (shared.Count == 0) return;
        var open = await db.Decisions.Where(d => shared.Contains(d.Id) && d.State != DecisionState.Agreed).ToListAsync(ct);
        foreach (var decision in open)
        {
            var remaining = await db.DecisionParticipants.AsNoTracking().Where(p => p.DecisionId == decision.Id && p.PersonId != leaver).Select(p => p.PersonId).ToListAsync(ct);
            var agreed = await db.DecisionAgreements.AsNoTracking().Where(a => a.DecisionId == decision.Id && a.Version == decision.CurrentVersion).Select(a => a.PersonId).ToListAsync(ct);
            if (!remaining.All(agreed.Contains)) continue;
            decision.State = DecisionState.Agreed;
            decision.AgreedAt = Now;
        }
    }

    /// <summary>Decisions the person took part in or started over the last 90 days, with their state and last change.</summary>
    public async Task<HandoverSection?> WriteAsync(Guid person, CancellationToken ct)
    {
        var since = Now.AddDays(-90);
        var recent = await db.Decisions.AsNoTracking()
            .Where(d => d.LastChangedAt >= since && (d.CreatedBy == person || db.DecisionParticipants.Any(p => p.DecisionId == d.Id && p.PersonId == person)))
            .OrderByDescending(d => d.LastChangedAt).ToListAsync(ct);
        if (recent.Count == 0) return null;
        return new HandoverSection(l["Recent decisions (last 90 days)"], recent.Select(d =>
            $"{d.Title} — {DecisionStates.Describe(d.State, l)} — {l["last change {0}", Display.Time(d.LastChangedAt)]}" + (d.HasLateChange ? $" — {l["late change"]}" : "")).ToList());
    }

    int IHandoverSection.Order => 50;
}
