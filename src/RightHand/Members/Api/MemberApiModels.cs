namespace RightHand.Members.Api;

/// <summary>A member as the sync API and the webhooks show it. Custom field values are by the field's name.</summary>
internal sealed record MemberItem(string Number, string? Salutation, string? FirstName, string LastName, string? Company, string Email, string? Phone,
    string Language, string? Street, string? Postcode, string? City, string? Country, string? DateOfBirth, string Status, string? Plan,
    IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Custom, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One page of members in (updatedAt, number) order; pass <see cref="NextCursor"/> back for the next, null when this was the last.</summary>
internal sealed record MemberPage(IReadOnlyList<MemberItem> Items, string? NextCursor);

/// <summary>
/// What a client sends to create or change a member. The contact fields are replaced as sent (left out: emptied);
/// language, status, plan, tags and custom left out stay as they are (a new member: German, prospect, no plan, no tags).
/// An empty plan removes the plan; a custom field with an empty value loses its value.
/// </summary>
internal sealed record MemberUpsert(string? Number, string? Salutation, string? FirstName, string? LastName, string? Company, string? Email, string? Phone,
    string? Language, string? Street, string? Postcode, string? City, string? Country, string? DateOfBirth, string? Status, string? Plan,
    IReadOnlyList<string>? Tags, IReadOnlyDictionary<string, string?>? Custom);

internal sealed record MemberBatchRequest(IReadOnlyList<MemberUpsert>? Items);

internal enum UpsertOutcome { Created, Updated, Unchanged }

/// <summary>What happened to one item of a batch: created, updated or unchanged, and the member's number.</summary>
internal sealed record BatchItemResult(int Index, string Number, string Result);

internal sealed record MemberBatchResult(int Created, int Updated, int Unchanged, IReadOnlyList<BatchItemResult> Items);

/// <summary>Why one item of a batch was refused: its index, its key and the field (an API property name) with the reason.</summary>
internal sealed record BatchItemError(int Index, string? Number, string? Email, string Field, string Reason);
