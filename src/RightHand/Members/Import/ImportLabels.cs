using Microsoft.Extensions.Localization;
using RightHand.Formats.Csv;

namespace RightHand.Members.Import;

/// <summary>Words for the import's pages in the reader's language.</summary>
internal static class ImportLabels
{
    public static string State(ImportState state, IStringLocalizer l) => state switch
    {
        ImportState.Uploaded => l["file uploaded"],
        ImportState.Checking => l["checking rows"],
        ImportState.Checked => l["dry run done"],
        ImportState.Importing => l["importing"],
        ImportState.Done => l["imported"],
        _ => l["Failed"],
    };

    /// <summary>A target's name: the register's field, a custom field by its own name, or "ignore".</summary>
    public static string Target(string target, IStringLocalizer l) => target switch
    {
        ImportColumns.Ignore => l["(ignore)"],
        MemberColumns.Number => l["Member number"],
        MemberColumns.Salutation => l["Salutation"],
        MemberColumns.FirstName => l["First name"],
        MemberColumns.LastName => l["Last name"],
        MemberColumns.Company => l["Company"],
        MemberColumns.Email => l["E-mail"],
        MemberColumns.Phone => l["Phone"],
        MemberColumns.Language => l["Language"],
        MemberColumns.Street => l["Street"],
        MemberColumns.Postcode => l["Postcode"],
        MemberColumns.City => l["City"],
        MemberColumns.Country => l["Country"],
        MemberColumns.DateOfBirth => l["Date of birth"],
        MemberColumns.Status => l["Status"],
        MemberColumns.Plan => l["Plan"],
        MemberColumns.Fee => l["Fee"],
        MemberColumns.Tags => l["Tags"],
        MemberColumns.Notes => l["Notes"],
        "" => l["whole row"],
        _ when target.StartsWith(ImportColumns.CustomPrefix, StringComparison.Ordinal) => target[ImportColumns.CustomPrefix.Length..],
        _ => target,
    };
}
