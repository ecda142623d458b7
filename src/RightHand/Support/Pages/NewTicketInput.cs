namespace RightHand.Support.Pages;

/// <summary>The new-ticket form as typed: the requester is a member number or an e-mail address.</summary>
public sealed class NewTicketInput
{
    public string? Requester { get; set; }
    public string? Name { get; set; }
    /// <summary>"Phone", "Email" or "Portal": how the request reached staff.</summary>
    public string Channel { get; set; } = "Phone";
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public string Priority { get; set; } = "Normal";
    public Guid? CategoryId { get; set; }
    /// <summary>Empty: the member's language, or German.</summary>
    public string? Language { get; set; }
}
