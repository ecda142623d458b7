namespace RightHand.Members.Import;

/// <summary>The import page's form: a field per column, the key and the mode, as posted.</summary>
/// <remarks>Public only because the page that binds it is (Razor components are public).</remarks>
public sealed class ImportOptionsInput
{
    public List<string>? Columns { get; set; }
    public string? Key { get; set; }
    public string? Mode { get; set; }
}
