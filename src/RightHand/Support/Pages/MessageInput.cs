namespace RightHand.Support.Pages;

/// <summary>The ticket page's message form: a public reply or an internal note, and for a reply the state the ticket goes to.</summary>
public sealed class MessageInput
{
    public string? Body { get; set; }
    /// <summary>"reply" or "note".</summary>
    public string Kind { get; set; } = "reply";
    /// <summary>The state after a reply, by name; empty: waiting for the member.</summary>
    public string? Then { get; set; }
    /// <summary>How many messages by others the page showed (Support/Presence/ReplyCollision); null: do not check.</summary>
    public int? Seen { get; set; }
}
