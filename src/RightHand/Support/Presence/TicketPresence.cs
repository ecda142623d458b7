namespace RightHand.Support.Presence;

/// <summary>Someone else who has the ticket open: since when, and whether they are typing a reply right now.</summary>
internal sealed record PresentPerson(Guid PersonId, string Name, bool Typing, DateTime Since);

/// <summary>
/// Who has which ticket open, from the ticket pages' heartbeats. Held in this process's memory only: it is gone after a
/// restart (the pages report again within seconds), and with several app instances each instance knows only the pages
/// that beat to it (docs/support.md, "Presence"). Someone whose page stopped beating drops out after <see cref="Expiry"/>.
/// </summary>
internal sealed class TicketPresence(TimeProvider clock)
{
    /// <summary>Three missed beats of the page (every 10 s) and the person has left.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);
    /// <summary>The page reports typing for 8 s after the last key; a little more covers the beat that reports the pause.</summary>
    public static readonly TimeSpan TypingFor = TimeSpan.FromSeconds(12);

    private sealed record Entry(string Name, DateTime Since, DateTime SeenAt, DateTime? TypingAt);

    private readonly Dictionary<(long Ticket, Guid Person), Entry> present = [];
    private readonly Lock gate = new();

    /// <summary>Records that the person has the ticket open (typing or not) and returns the others who have it open, earliest first.</summary>
    public IReadOnlyList<PresentPerson> Beat(long ticketNumber, Guid personId, string name, bool typing)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (gate)
        {
            Forget(now);
            var since = present.TryGetValue((ticketNumber, personId), out var known) ? known.Since : now;
            present[(ticketNumber, personId)] = new Entry(name, since, now, typing ? now : null);
            return Others(ticketNumber, personId, now);
        }
    }

    private List<PresentPerson> Others(long ticketNumber, Guid personId, DateTime now) => present
        .Where(p => p.Key.Ticket == ticketNumber && p.Key.Person != personId)
        .Select(p => new PresentPerson(p.Key.Person, p.Value.Name, p.Value.TypingAt is { } at && now - at < TypingFor, p.Value.Since))
        .OrderBy(p => p.Since).ThenBy(p => p.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>Drops whoever has not reported within the expiry; the table holds only open pages, so this stays small.</summary>
    private void Forget(DateTime now)
    {
        foreach (var key in present.Where(p => now - p.Value.SeenAt >= Expiry).Select(p => p.Key).ToList()) present.Remove(key);
    }
}
