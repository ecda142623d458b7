using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace RightHand.Access;

/// <summary>Turns a permission name used as a policy (<c>[Authorize(Policy = Permissions.AuditRead)]</c>) into a check against the role map.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!Permissions.All.Contains(policyName, StringComparer.Ordinal)) return await base.GetPolicyAsync(policyName);
        var policy = new AuthorizationPolicyBuilder();
        // The portal asks only its own cookie: a staff session (even of a person with the role Member) never opens it.
        if (policyName == Permissions.PortalSelf) policy.AddAuthenticationSchemes(Portal.PortalSession.Scheme);
        return policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(policyName)).Build();
    }
}

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.HasPermission(requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

internal static class PrincipalPermissions
{
    /// <summary>A token has what its scopes grant; a person has what their role grants.</summary>
    public static bool HasPermission(this ClaimsPrincipal user, string permission) =>
        user.Identity?.IsAuthenticated == true && (user.HasClaim(c => c.Type == AccessClaims.TokenId)
            ? user.HasClaim(AccessClaims.Scope, permission)
            : Permissions.RoleHas(user.FindFirstValue(ClaimTypes.Role), permission));

    public static Guid? PersonId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
