namespace RightHand.Members.Privacy;

/// <summary>
/// Another module's part of an erasure (the portal's accounts today; tickets and newsletter subscriptions later): called
/// inside the erasure's transaction, before its one save, to remove or blank what the module holds about the member.
/// It must not save itself.
/// </summary>
internal interface IMemberErasureStep
{
    Task EraseAsync(Member member, CancellationToken ct);
}
