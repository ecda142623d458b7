using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace RightHand.Delegation.Reviews;

/// <summary>
/// When an item was put in front of a decider, carried in the page's form rather than stored: showing the
/// approval queue or the spot-check list writes nothing, so a busy queue never waits on the database's
/// single writer. The stamp is protected (the reviewer cannot shorten their own time) and bound to its item.
/// </summary>
internal sealed class ReviewClock(IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("RightHand.Delegation.ReviewClock");

    /// <summary>A stamp for the form of <paramref name="item"/>, shown now.</summary>
    public string Start(Guid item) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{item:N}|{clock.GetUtcNow().UtcTicks}"));

    /// <summary>When the form came from; null for a missing, foreign or tampered stamp (the time then counts as nothing).</summary>
    public DateTime? OpenedAt(Guid item, string? stamp)
    {
        if (string.IsNullOrEmpty(stamp)) return null;
        try
        {
            var parts = protector.Unprotect(stamp).Split('|');
            return parts.Length == 2 && parts[0] == item.ToString("N") && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks)
                ? new DateTime(ticks, DateTimeKind.Utc) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>
/// The stamps of the items one page shows. After a failed attempt (a wrong code, a missing score) the item
/// keeps the stamp it was shown with, so its clock runs on; every other item starts anew with the page.
/// </summary>
internal sealed class ReviewStamps(ReviewClock clock)
{
    private Dictionary<Guid, string> stamps = [];
    private (Guid Id, string? Stamp)? retained;

    public string this[Guid item] => stamps[item];

    public void Show(IEnumerable<Guid> items) =>
        stamps = items.ToDictionary(id => id, id => retained is { Stamp: { } kept } && retained.Value.Id == id ? kept : clock.Start(id));

    public void Decided(Guid item, string? stamp, bool succeeded) => retained = succeeded ? null : (item, stamp);
}
