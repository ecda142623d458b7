namespace RightHand.Support.Api;

/// <summary>Who asked: the address, the name given, and the member's number when the requester is a member.</summary>
internal sealed record RequesterItem(string Email, string? Name, string? MemberNumber);

/// <summary>
/// A ticket as the API shows it. State, priority and channel are camelCase names (e.g. <c>waitingForIt</c>); category and
/// assignee by name, the assignee's id too so that it can be used as the list's <c>assignee</c> filter.
/// </summary>
internal sealed record TicketItem(long Number, string Subject, string State, string Priority, string Channel, string Language, RequesterItem Requester,
    string? Category, Guid? AssigneeId, string? AssigneeName, IReadOnlyList<string> Tags, DateTime CreatedAt, DateTime UpdatedAt, DateTime LastActivityAt,
    DateTime? FirstResponseDueAt, DateTime? ResolutionDueAt, DateTime? FirstRespondedAt, DateTime? SolvedAt, DateTime? ClosedAt, int? Rating);

/// <summary>A file's metadata; the content is downloaded on the ticket page, not through the API.</summary>
internal sealed record AttachmentItem(Guid Id, string FileName, string ContentType, long Size, string Sha256);

/// <summary>One message: <c>requester</c> (what the requester wrote), <c>reply</c> (mailed to the requester) or <c>note</c> (internal, never mailed).</summary>
internal sealed record MessageItem(Guid Id, string Kind, string Body, string Channel, DateTime CreatedAt, string? AuthorName, string? FromAddress,
    IReadOnlyList<AttachmentItem> Attachments);

/// <summary>
/// A ticket with its whole conversation, oldest message first. <see cref="MergedInto"/>: the number of the ticket it was
/// merged into (its conversation goes on there); <see cref="Parent"/>: its parent ticket's number.
/// </summary>
internal sealed record TicketDetail(TicketItem Ticket, IReadOnlyList<MessageItem> Messages, long? MergedInto = null, long? Parent = null);

/// <summary>One page of tickets in (updatedAt, id) order; pass <see cref="NextCursor"/> back for the next, null when this was the last.</summary>
internal sealed record TicketPage(IReadOnlyList<TicketItem> Items, string? NextCursor);

/// <summary>
/// A new ticket from a client. The requester is a member by <see cref="MemberNumber"/>, or an e-mail address (linked to the
/// member who has it); priority, category and language may be left out (normal, none, the member's language or German).
/// </summary>
internal sealed record TicketOpening(string? MemberNumber, string? Email, string? Name, string? Subject, string? Body, string? Priority, string? Category,
    string? Language);

/// <summary>A message from a client: <c>reply</c> (mailed to the requester) or <c>note</c> (internal).</summary>
internal sealed record TicketMessagePost(string? Kind, string? Body);
