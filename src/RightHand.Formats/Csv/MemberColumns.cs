using System.Text;

namespace RightHand.Formats.Csv;

/// <summary>
/// Guesses which member field a column holds from its header, in German or English, ignoring case,
/// spaces, punctuation and the spelling of umlauts ("E-Mail-Adresse", "email address", "Straße", "Strasse").
/// The field keys are the member register's import keys.
/// </summary>
public static class MemberColumns
{
    public const string Number = "number";
    public const string Salutation = "salutation";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Company = "company";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Language = "language";
    public const string Street = "street";
    public const string Postcode = "postcode";
    public const string City = "city";
    public const string Country = "country";
    public const string DateOfBirth = "date_of_birth";
    public const string Status = "status";
    public const string Plan = "plan";
    public const string Fee = "fee";
    public const string Tags = "tags";
    public const string Notes = "notes";

    private static readonly Dictionary<string, string> Synonyms = Build(new()
    {
        [Number] = ["Mitgliedsnummer", "Mitgliedernummer", "Mitglieds-Nr.", "Mitglied Nr", "Nr.", "Nummer", "Member number", "Member no.", "Membership number", "Member ID", "Number", "No."],
        [Salutation] = ["Anrede", "Salutation", "Title", "Titel"],
        [FirstName] = ["Vorname", "First name", "Firstname", "Given name", "Forename"],
        [LastName] = ["Nachname", "Familienname", "Last name", "Lastname", "Surname", "Family name"],
        [Company] = ["Firma", "Unternehmen", "Organisation", "Company", "Organization", "Organisation name"],
        [Email] = ["E-Mail", "Email", "E-Mail-Adresse", "Emailadresse", "Mail", "Email address"],
        [Phone] = ["Telefon", "Telefonnummer", "Tel.", "Handy", "Mobil", "Phone", "Phone number", "Telephone", "Mobile"],
        [Language] = ["Sprache", "Language", "Preferred language", "Bevorzugte Sprache"],
        [Street] = ["Straße", "Strasse", "Str.", "Straße und Hausnummer", "Anschrift", "Adresse", "Street", "Address", "Street address"],
        [Postcode] = ["PLZ", "Postleitzahl", "Postcode", "Post code", "Postal code", "ZIP", "ZIP code"],
        [City] = ["Ort", "Stadt", "Wohnort", "City", "Town"],
        [Country] = ["Land", "Country"],
        [DateOfBirth] = ["Geburtsdatum", "Geburtstag", "Geb.-Datum", "Date of birth", "Birth date", "Birthdate", "Birthday", "DOB"],
        [Status] = ["Status", "Mitgliedsstatus", "Member status"],
        [Plan] = ["Tarif", "Plan", "Mitgliedschaft", "Mitgliedschaftsart", "Membership", "Membership plan", "Membership type"],
        [Fee] = ["Beitrag", "Mitgliedsbeitrag", "Fee", "Membership fee", "Amount", "Betrag"],
        [Tags] = ["Tags", "Schlagworte", "Schlagwörter", "Stichworte", "Labels", "Tag"],
        [Notes] = ["Notizen", "Notiz", "Bemerkung", "Bemerkungen", "Anmerkungen", "Notes", "Note", "Comments", "Comment"],
    });

    public static IReadOnlyList<string> All { get; } =
        [Number, Salutation, FirstName, LastName, Company, Email, Phone, Language, Street, Postcode, City, Country, DateOfBirth, Status, Plan, Fee, Tags, Notes];

    /// <summary>
    /// One guess per column, in the header's order: the field key, or null when the header means nothing
    /// known or an earlier column already took that field (each field is filled from one column only).
    /// </summary>
    public static IReadOnlyList<string?> Guess(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var guesses = new string?[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            if (Synonyms.TryGetValue(Normalize(headers[i]), out var field) && taken.Add(field)) guesses[i] = field;
        }
        return guesses;
    }

    /// <summary>"E-Mail-Adresse" → "emailadresse", "Straße" → "strasse", "Größe" → "groesse".</summary>
    internal static string Normalize(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header.ToLowerInvariant())
        {
            switch (c)
            {
                case 'ä': sb.Append("ae"); break;
                case 'ö': sb.Append("oe"); break;
                case 'ü': sb.Append("ue"); break;
                case 'ß': sb.Append("ss"); break;
                default:
                    if (char.IsLetterOrDigit(c)) sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static Dictionary<string, string> Build(Dictionary<string, string[]> byField)
    {
        var synonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, names) in byField)
            foreach (var name in names)
            {
                // Spellings that normalise alike ("First name", "Firstname") are one entry; one spelling for two keys is a mistake here.
                if (!synonyms.TryAdd(Normalize(name), field) && synonyms[Normalize(name)] != field) throw new InvalidOperationException($"\"{name}\" is listed twice.");
            }
        return synonyms;
    }
}
