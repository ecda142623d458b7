namespace RightHand.Support.Links.Pages;

/// <summary>The merge form: the survivor's number and, when the requesters differ, staff's confirmation.</summary>
public sealed class MergeInput
{
    public string? Target { get; set; }
    /// <summary>"Confirm" on the second step; the first step only shows what would be merged.</summary>
    public string? Step { get; set; }
    public bool Anyway { get; set; }
}

/// <summary>The split form: which message goes to the new ticket, the later ones too or not, and the new subject.</summary>
public sealed class SplitInput
{
    public Guid? Message { get; set; }
    public bool WithLater { get; set; }
    public string? Subject { get; set; }
}
