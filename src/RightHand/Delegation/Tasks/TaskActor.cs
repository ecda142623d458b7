using System.Linq.Expressions;
using System.Security.Claims;
using RightHand.Access;

namespace RightHand.Delegation.Tasks;

/// <summary>
/// Who is working on tasks. The owner briefs anyone and sees every task; everyone else briefs only
/// themselves and sees the tasks assigned to them or created by them.
/// </summary>
internal sealed record TaskActor(Guid PersonId, bool IsOwner)
{
    public static TaskActor From(ClaimsPrincipal user) =>
        new(user.PersonId() ?? Guid.Empty, user.FindFirstValue(ClaimTypes.Role) == Roles.Owner);

    public bool CanSee(DelegatedTask task) => IsOwner || task.AssigneeId == PersonId || task.CreatedBy == PersonId;

    /// <summary>Who may be given a task: an active owner or assistant (the roles with the tasks permission that do delegated work).</summary>
    public static readonly Expression<Func<Person, bool>> WorksOnTasks = p => p.RevokedAt == null && (p.Role == Roles.Owner || p.Role == Roles.Assistant);
}
