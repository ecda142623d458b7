using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;
using RightHand.Platform.Web;

namespace RightHand.Support.Ratings;

/// <summary>What the rating page shows of the ticket a link or the portal points at.</summary>
internal sealed record RatedTicket(Guid Id, string Reference, string Subject, TicketState State, int? Rating, string? RatingComment)
{
    /// <summary>A rating is asked for a solved ticket and may change until the ticket is closed.</summary>
    public bool OpenForRating => State == TicketState.Solved;
}

/// <summary>
/// The requester's satisfaction with a solved ticket, 1 (poor) to 5 (excellent), with an optional comment. The mail
/// carries a signed token per ticket (no sign-in needed, nothing stored to look it up); following a link only shows the
/// choice, saving it takes a button, because mail scanners open links. A member can rate on the portal's ticket page too.
/// </summary>
internal sealed class SatisfactionSurvey(AppDb db, Mailer mailer, IStringLocalizer<Texts> l, IDataProtectionProvider protection, IConfiguration configuration,
    TimeProvider clock)
{
    public const string Purpose = "support.rating";
    public const int CommentMaxLength = 2000;
    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    /// <summary>
    /// Adds (does not save) the survey mail to the requester, in the ticket's language, with one link per score. The caller
    /// saves it with the change of state, so the mail exists exactly when the ticket was solved.
    /// </summary>
    public async Task OnSolvedAsync(Ticket ticket, CancellationToken ct = default)
    {
        var link = $"{(configuration["PublicUrl"] ?? WebHost.DefaultUrl).TrimEnd('/')}/portal/rate/{protector.Protect(ticket.Id.ToString())}?score=";
        var (subject, text) = Cultures.In(ticket.Language, () => (
            (string)l["[{0}] How did we do?", ticket.Reference],
            l["Your request {0} \"{1}\" is solved. How satisfied are you with our help? One click is enough:", ticket.Reference, ticket.Subject] + "\n\n"
            + string.Join("\n", Enumerable.Range(1, 5).Reverse().Select(score => $"{ScoreLabel(score)}: {link}{score.ToString(CultureInfo.InvariantCulture)}"))
            + "\n\n" + l["On the page that opens you can add a comment. If something is still missing, simply reply to this e-mail."]));
        if (ticket.RequesterMemberId is { } member) await mailer.QueueToMemberAsync(db, member, ticket.RequesterEmail, ticket.RequesterName, subject, text, ct);
        else await mailer.QueueAsync(db, ticket.RequesterEmail, ticket.RequesterName, subject, text, ct);
    }

    /// <summary>The ticket a rating link was made for, or null for a token that is forged, damaged or from another purpose.</summary>
    public async Task<RatedTicket?> FindByLinkAsync(string token, CancellationToken ct = default) =>
        TicketOf(token) is { } id ? await FindAsync(id, null, ct) : null;

    /// <summary>Saves the score and comment given through a mailed link; anyone holding the link may rate, as the requester was mailed it.</summary>
    public async Task<OperationResult> RateByLinkAsync(string token, int score, string? comment, CancellationToken ct = default) =>
        TicketOf(token) is { } id ? await RateAsync(id, null, score, comment, ct) : OperationResult.Fail(l["This rating link is invalid."]);

    /// <summary>Saves a member's rating from the portal; another member's ticket does not exist for them.</summary>
    public Task<OperationResult> RateAsMemberAsync(Guid ticketId, Guid memberId, int score, string? comment, CancellationToken ct = default) =>
        RateAsync(ticketId, memberId, score, comment, ct);

    /// <summary>How a score reads: 5 excellent … 1 poor.</summary>
    public string ScoreLabel(int score) => score switch
    {
        5 => l["5 – excellent"], 4 => l["4 – good"], 3 => l["3 – fair"], 2 => l["2 – not good"], 1 => l["1 – poor"], _ => score.ToString(CultureInfo.CurrentCulture),
    };

    private async Task<RatedTicket?> FindAsync(Guid ticketId, Guid? memberId, CancellationToken ct)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        return ticket is null || (memberId is not null && ticket.RequesterMemberId != memberId)
            ? null
            : new RatedTicket(ticket.Id, ticket.Reference, ticket.Subject, ticket.State, ticket.Rating, ticket.RatingComment);
    }

    private async Task<OperationResult> RateAsync(Guid ticketId, Guid? memberId, int score, string? comment, CancellationToken ct)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null || (memberId is not null && ticket.RequesterMemberId != memberId)) return OperationResult.Fail(l["This ticket does not exist."]);
        if (ticket.State != TicketState.Solved) return OperationResult.Fail(l["Only a solved ticket can be rated; a closed ticket keeps its rating."]);
        var errors = new List<string>();
        if (score is < 1 or > 5) errors.Add(l["Rating: choose from 1 (poor) to 5 (excellent)."]);
        var text = comment?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text is { Length: > CommentMaxLength }) errors.Add(l["Comment: write at most {0} characters.", CommentMaxLength]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        (ticket.Rating, ticket.RatingComment, ticket.RatedAt) = (score, string.IsNullOrEmpty(text) ? null : text, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    private Guid? TicketOf(string token)
    {
        try
        {
            return Guid.TryParse(protector.Unprotect(token), out var id) ? id : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
