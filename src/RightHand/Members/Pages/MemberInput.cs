namespace RightHand.Members;

/// <summary>The member form's fields as posted; the same for a new member and for an edit.</summary>
/// <remarks>Public only because the shared form component that binds it is (Razor components are public).</remarks>
public sealed class MemberInput
{
    public string? Salutation { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Company { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Language { get; set; }
    public string? Street { get; set; }
    public string? Postcode { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? DateOfBirth { get; set; }
    public Guid? PlanId { get; set; }
    public string? Notes { get; set; }
    public string? Tags { get; set; }
    /// <summary>Only on the new-member form; an edit changes the status through its own form, with history.</summary>
    public string? Status { get; set; }
    /// <summary>Custom field values by field id, posted as Input.Custom[id].</summary>
    public Dictionary<string, string>? Custom { get; set; }

    internal MemberDraft ToDraft() =>
        new(Salutation, FirstName, LastName, Company, Email, Phone, Language, Street, Postcode, City, Country, DateOfBirth, PlanId, Notes, Tags,
            Enum.TryParse<MemberStatus>(Status, out var status) ? status : MemberStatus.Prospect, Custom);

    internal static MemberInput From(Member m, IEnumerable<string> tags, Dictionary<string, string> custom) => new()
    {
        Salutation = m.Salutation, FirstName = m.FirstName, LastName = m.LastName, Company = m.Company, Email = m.Email, Phone = m.Phone,
        Language = m.Language, Street = m.Street, Postcode = m.Postcode, City = m.City, Country = m.Country,
        DateOfBirth = m.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), PlanId = m.PlanId, Notes = m.Notes,
        Tags = string.Join(", ", tags), Status = m.Status.ToString(), Custom = custom,
    };
}

/// <summary>A custom field as the member form shows it.</summary>
/// <remarks>Public only because the shared form component that takes it is (Razor components are public).</remarks>
public sealed record CustomFieldSlot(string Id, string Name, string Kind, IReadOnlyList<string> Options)
{
    internal static CustomFieldSlot From(CustomField f) => new(f.Id.ToString(), f.Name, f.Kind.ToString(), f.OptionList);
}
