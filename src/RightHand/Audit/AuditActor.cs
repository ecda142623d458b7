using System.Security.Claims;
using RightHand.Access;

namespace RightHand.Audit;

/// <summary>Who is acting: a signed-in person, an API token, the command line, or the system (jobs).</summary>
internal sealed record AuditActor(Guid? PersonId, Guid? TokenId, string Name)
{
    public static readonly AuditActor System = new(null, null, "system");
    public static readonly AuditActor CommandLine = new(null, null, "command line");
    /// <summary>A web request by nobody signed in (a failed sign-in, an invitation being opened).</summary>
    public static readonly AuditActor Anonymous = new(null, null, "anonymous");

    /// <summary>A member acting in the portal: not a person of the staff, named by their member number.</summary>
    public static AuditActor Member(string number) => new(null, null, $"member {number}");
}

/// <summary>Finds the actor of the current request; the command line and jobs set theirs explicitly.</summary>
internal sealed class AuditActorAccessor(IHttpContextAccessor http)
{
    private AuditActor? explicitActor;

    public AuditActor Current => explicitActor ?? FromPrincipal(http.HttpContext?.User) ?? (http.HttpContext is null ? AuditActor.System : AuditActor.Anonymous);

    public void Use(AuditActor actor) => explicitActor = actor;

    /// <summary>From now on in this request, the person acts for themselves (they just signed in or created their account).</summary>
    public void Use(Access.Person person) => explicitActor = new AuditActor(person.Id, null, person.Name);

    private static AuditActor? FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return null;
        if (user.FindFirstValue(Portal.PortalSession.NumberClaim) is { } number) return AuditActor.Member(number);
        Guid? person = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var p) ? p : null;
        Guid? token = Guid.TryParse(user.FindFirstValue(AccessClaims.TokenId), out var t) ? t : null;
        var name = user.FindFirstValue(AccessClaims.DisplayName) ?? user.Identity.Name ?? "unknown";
        return new AuditActor(person, token, token is null ? name : $"token: {name}");
    }
}
