namespace RightHand.Support.Portal;

/// <summary>The portal's forms as typed: a new request (subject and message) or an answer (message only).</summary>
public sealed class PortalTicketInput
{
    public string? Subject { get; set; }
    public string? Body { get; set; }
}

/// <summary>The portal's rating form: a score from 1 to 5 and an optional comment.</summary>
public sealed class RatingInput
{
    public int Score { get; set; }
    public string? Comment { get; set; }
}
