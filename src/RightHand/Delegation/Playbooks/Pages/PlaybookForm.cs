namespace RightHand.Delegation.Playbooks.Pages;

/// <summary>One playbook version as the form posts it.</summary>
/// <remarks>Public only because the shared form component that binds it is (Razor components are public).</remarks>
public sealed class PlaybookForm
{
    public string? TitleDe { get; set; }
    public string? BodyDe { get; set; }
    public string? TitleEn { get; set; }
    public string? BodyEn { get; set; }
    public string? ChangeNote { get; set; }

    internal PlaybookDraft ToDraft() => new(TitleDe ?? "", BodyDe ?? "", TitleEn ?? "", BodyEn ?? "", ChangeNote ?? "");
}
