using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using RightHand.Platform.Web;

namespace RightHand.Access;

internal static class AccessModule
{
    public const string SmartScheme = "RightHand";
    private const string SignInLimiter = "sign-in";

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IUserStore<Person>, PersonStore>();
        services.AddIdentityCore<Person>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddSignInManager<SessionSignInManager>()
            .AddClaimsPrincipalFactory<PersonClaimsFactory>()
            // Only the authenticator app: the default set also has phone and e-mail codes, and sign-in asks
            // every provider whether it applies, which throws for the phone one (PersonStore keeps no numbers).
            .AddTokenProvider<AuthenticatorTokenProvider<Person>>(TokenOptions.DefaultAuthenticatorProvider);
        // A passkey sign-in skips the authenticator code, so the device must have checked who holds it
        // (fingerprint, face or PIN), not only that someone touched it. The sign-in page names nobody, so the
        // passkey must be discoverable: the device itself offers it and says whose it is.
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            o.UserVerificationRequirement = "required";
            o.ResidentKeyRequirement = "required";
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            // Requests to the API with a bearer token are the token's; everything else is the cookie's.
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddIdentityCookies();

        // Cookies are Secure whenever the request came over TLS (directly, or through a proxy with
        // Proxy:TrustForwardedHeaders); plain HTTP is only for the first run on localhost.
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "rh.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            // The API answers 401/403 instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectUnlessApi(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectUnlessApi(context, StatusCodes.Status403Forbidden);
        });
        services.ConfigureExternalCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "rh.2fa";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rh.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();

        var perMinute = configuration.GetValue("Access:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only the posts of the sign-in forms (staff and portal) are limited, per client address.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && IsSignInPath(context.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(SignInLimiter));
        });

        services.AddScoped<AccessOperations>();
        return services;
    }

    /// <summary>The staff sign-in and the portal's forms that take an address or a password.</summary>
    private static bool IsSignInPath(PathString path) =>
        path.StartsWithSegments("/signin") || path.StartsWithSegments("/portal/sign-in") || path.StartsWithSegments("/portal/register");

    private static Task RedirectUnlessApi(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Owner and Assistant must use a second factor: until they have enrolled one (or signed in with a
    /// passkey, which counts as both factors), every staff page
    /// sends them to the enrolment page. Posts too: the enrolment page's antiforgery token is valid for
    /// every form of the browser, so letting posts through would let a password alone act.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && !user.HasClaim(c => c.Type == AccessClaims.TokenId)
            && Roles.RequiresTwoFactor(user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "")
            && user.FindFirst(AccessClaims.TwoFactor)?.Value != "1" && !user.HasClaim(AccessClaims.SignedInWith, "passkey")
            && !IsEnrolmentPath(context.Request.Path))
        {
            context.Response.Redirect("/account/two-factor");
            return;
        }
        await next();
    });

    private static bool IsEnrolmentPath(PathString path) =>
        path.StartsWithSegments("/account/two-factor") || path.StartsWithSegments("/signout") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
        || path.StartsWithSegments("/health") || path.StartsWithSegments("/status") || path.StartsWithSegments("/error")
        || path.StartsWithSegments("/favicon.svg") || path.StartsWithSegments("/culture");

    public static void MapAccess(this WebApplication app)
    {
        app.MapPost("/signout", async (SignInManager<Person> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/signin");
        }).RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPasskeyOptions();

        var api = app.MapGroup("/api/v1").WithTags("Access");
        api.MapGet("/me", (HttpContext context) => new MeResponse(
                context.User.PersonId(),
                context.User.FindFirst(AccessClaims.DisplayName)?.Value ?? "",
                context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "",
                Permissions.All.Where(context.User.HasPermission).ToList()))
            .RequireAuthorization(Permissions.DashboardView)
            .WithSummary("Who the caller is: person or token, role and effective permissions.");
    }
}

internal sealed record MeResponse(Guid? PersonId, string Name, string Role, IReadOnlyList<string> Permissions);
