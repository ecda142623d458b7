namespace RightHand.Formats.Mime;

/// <summary>
/// One mailbox from an address header: <see cref="Name"/> is the decoded display name (null when none was given),
/// <see cref="Address"/> the addr-spec as written ("jane@example.org"), without angle brackets. Neither is validated
/// beyond the syntax of the header: the caller decides whether an address is acceptable.
/// </summary>
public sealed record MailboxAddress(string? Name, string Address)
{
    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";
}
