using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Demo;

namespace RightHand.Members;

/// <summary>
/// Three hundred members of a German online community with a few from Austria, Switzerland and Britain:
/// three plans, every status, tags, and newsletter consents recorded with their wording version.
/// Seeded, so every demo looks the same.
/// </summary>
internal sealed class MembersDemoData(MemberRegister register) : IDemoDataSource
{
    public const int Count = 300;

    private static readonly string[] FirstNames = ["Anna", "Lukas", "Sophie", "Jonas", "Marie", "Leon", "Hannah", "Felix", "Lena", "Paul", "Emma", "Ben",
        "Mia", "Elias", "Laura", "Noah", "Clara", "Finn", "Greta", "Jakob", "Ida", "Moritz", "Frieda", "Karl", "Oliver", "Emily", "James", "Charlotte"];
    private static readonly HashSet<string> Women = ["Anna", "Sophie", "Marie", "Hannah", "Lena", "Emma", "Mia", "Laura", "Clara", "Greta", "Ida", "Frieda",
        "Emily", "Charlotte"];
    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Günther", "Smith", "Taylor", "Brown"];
    private static readonly (string Country, string City, string Postcode, string Street, string Language)[] Places =
    [
        ("DE", "Berlin", "10115", "Invalidenstraße", "de"), ("DE", "Hamburg", "20095", "Mönckebergstraße", "de"), ("DE", "München", "80331", "Sendlinger Straße", "de"),
        ("DE", "Köln", "50667", "Hohe Straße", "de"), ("DE", "Leipzig", "04109", "Grimmaische Straße", "de"), ("AT", "Wien", "1010", "Graben", "de"),
        ("CH", "Zürich", "8001", "Bahnhofstrasse", "de"), ("GB", "London", "SW1A 1AA", "Whitehall", "en"),
    ];
    private static readonly string[] Tags = ["Webinar 2026", "Ehrenamt", "Presse", "Frühbucher", "Stammtisch", "Mentoring"];

    public int Order => 3;

    public async Task LoadAsync(AppDb db, CultureInfo culture, CancellationToken ct)
    {
        var owner = await db.People.Where(p => p.Role == Roles.Owner).Select(p => p.Id).FirstAsync(ct);
        var de = culture.TwoLetterISOLanguageName == "de";
        (string Name, string Fee, BillingInterval Interval)[] plans =
            [(de ? "Basis" : "Basic", "9,90", BillingInterval.Monthly), ("Premium", "99,00", BillingInterval.Yearly), (de ? "Förderer" : "Patron", "30,00", BillingInterval.Quarterly)];
        foreach (var (name, fee, interval) in plans) (await register.AddPlanAsync(name, fee, interval, ct)).ThrowIfFailed();
        var planIds = await db.MembershipPlans.OrderBy(p => p.FeeCents).Select(p => p.Id).ToListAsync(ct);

        var random = new Random(2026);
        for (var i = 0; i < Count; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var place = Places[random.Next(Places.Length)];
            var roll = random.Next(100);
            var status = roll < 70 ? MemberStatus.Active : roll < 80 ? MemberStatus.Prospect : roll < 88 ? MemberStatus.Paused : MemberStatus.Cancelled;
            var email = $"{Ascii(first)}.{Ascii(last)}{i + 1}@example.{(place.Country == "GB" ? "co.uk" : place.Country.ToLowerInvariant())}";
            var tags = string.Join(", ", Tags.Where(_ => random.Next(6) == 0));
            var born = new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28));
            var (created, member) = await register.CreateAsync(new MemberDraft(
                Women.Contains(first) ? (place.Language == "de" ? "Frau" : "Ms") : (place.Language == "de" ? "Herr" : "Mr"), first, last,
                random.Next(8) == 0 ? $"{last} {(place.Language == "de" ? "GmbH" : "Ltd")}" : null, email, $"+49 30 {random.Next(1_000_000, 9_999_999)}",
                place.Language, $"{place.Street} {1 + random.Next(120)}", place.Postcode, place.City, place.Country,
                random.Next(3) == 0 ? born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                status == MemberStatus.Prospect ? null : planIds[random.Next(planIds.Count)], null, tags, status), owner, ct);
            created.ThrowIfFailed();
            if (status != MemberStatus.Prospect && random.Next(10) < 6)
                (await register.RecordConsentAsync(member!.Id, "newsletter", granted: true, "2026-01", owner, ct)).ThrowIfFailed();
        }
    }

    /// <summary>An address part without umlauts or spaces, as people write it in e-mail addresses.</summary>
    private static string Ascii(string name) => name.ToLowerInvariant()
        .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);
}
