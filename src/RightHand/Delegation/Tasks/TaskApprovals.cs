using RightHand.Platform.Database;

namespace RightHand.Delegation.Tasks;

/// <summary>
/// Hears the approval seam's decision on a submitted result, in the same transaction: approved (by a
/// person or automatically) makes the task approved; requested changes send it back to the assignee with
/// the reviewer's comment as feedback on the task.
/// </summary>
internal sealed class TaskApprovals(AppDb db) : IApprovalOutcome
{
    public string Module => DelegatedTasks.Module;

    public async Task OnDecidedAsync(ApprovalRequest request, CancellationToken ct)
    {
        if (!Guid.TryParse(request.ItemId, out var id) || await db.DelegatedTasks.FindAsync([id], ct) is not { } task) return;
        // Only the submitted version is decided on; a late decision on an older one (voided since) changes nothing.
        if (task.State != TaskState.Submitted) return;
        var now = request.DecidedAt ?? request.CreatedAt;
        if (request.IsApproved)
        {
            task.State = TaskState.Approved;
            task.StateChangedAt = now;
        }
        else if (request.State == ApprovalState.ChangesRequested)
        {
            task.State = TaskState.ChangesRequested;
            task.StateChangedAt = now;
            db.TaskComments.Add(new TaskComment { TaskId = task.Id, AuthorId = request.DecidedBy ?? Guid.Empty, Text = request.Comment ?? "", IsFeedback = true, CreatedAt = now });
        }
    }
}
