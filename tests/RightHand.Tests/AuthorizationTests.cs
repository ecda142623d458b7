using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests;

/// <summary>
/// Walks every route the app maps, from its own routing: each is either anonymous by design or names a
/// permission as its policy, and each role gets exactly what <see cref="Permissions.ByRole"/> says.
/// </summary>
public sealed partial class AuthorizationTests
{
    /// <summary>Open without signing in, on purpose.</summary>
    private static readonly HashSet<string> AnonymousByDesign = new(StringComparer.Ordinal)
    {
        "/setup", "/signin", "/signin/two-factor", "/signin/passkey/options", "/invitation/{Token}", "/health", "/openapi/{documentName}.json", "/culture",
        "/status/{Code:int}", "/access-denied", "/error", "/not-found",
        // The member portal's way in, and the look it has before anyone signs in.
        "/portal/sign-in", "/portal/link/{Token}", "/portal/invitation/{Token}", "/portal/register", "/portal/logo", "/portal/theme.css",
        // The satisfaction link mailed when a ticket is solved: its signed token is the permission, so no sign-in is needed.
        "/portal/rate/{Token}",
    };

    /// <summary>The framework's own: Blazor's redirect helper for enhanced navigation, which checks its own protected payload.</summary>
    private static readonly HashSet<string> Framework = new(StringComparer.Ordinal) { "/_framework/opaque-redirect" };

    /// <summary>Need a signed-in person but no permission: signing out works for every role.</summary>
    private static readonly HashSet<string> AnySignedIn = new(StringComparer.Ordinal) { "/signout" };

    /// <summary>
    /// Pages that fail for a reason other than access (reported, owned by another module): for these the
    /// matrix checks only that authorization let the request through.
    /// /platform/jobs: [SupplyParameterFromQuery] on a JobState? enum, which Blazor cannot bind, so the page answers 500.
    /// </summary>
    private static readonly HashSet<string> BrokenForOtherReasons = new(StringComparer.Ordinal) { "/platform/jobs" };

    /// <summary>
    /// Public routes that fail when called directly (reported, owned by another module); reached the normal
    /// way they work. /status/{Code:int}: the page sets the 404 itself, the status-code middleware then
    /// re-executes /status/404 in the same request and Blazor throws "'HttpNavigationManager' already initialized".
    /// </summary>
    private static readonly HashSet<string> PublicBrokenWhenCalledDirectly = new(StringComparer.Ordinal) { "/status/{Code:int}" };

    [Fact]
    public async Task EveryEndpoint_IsAnonymousByDesign_OrRequiresAKnownPermission()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        var endpoints = Endpoints(app);
        var problems = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var route = Route(endpoint);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (Framework.Contains(route)) continue;
            if (anonymous)
            {
                if (!AnonymousByDesign.Contains(route)) problems.Add($"{route} allows anonymous access but is not in the list of public routes");
            }
            else if (policies.Count == 0)
                problems.Add($"{route} has neither [AllowAnonymous] nor an authorization policy");
            else if (AnySignedIn.Contains(route))
            {
                if (policies.Any(p => p is not null)) problems.Add($"{route} should need only a signed-in person");
            }
            else if (policies.Any(p => p is null || !Permissions.All.Contains(p, StringComparer.Ordinal)))
                problems.Add($"{route} uses policies [{string.Join(", ", policies)}], not only known permissions");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // The walk saw the app's real routes, not an empty list.
        var routes = endpoints.Select(Route).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(AnonymousByDesign, routes);
        Assert.Contains("/audit", routes);
        Assert.Contains("/api/v1/me", routes);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task EveryRole_GetsExactlyThePagesItsPermissionsAllow(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Access:SignInAttemptsPerMinute"] = "1000" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var people = new Dictionary<string, HttpClient> { [Roles.Owner] = owner.Client };
        foreach (var role in Roles.All.Where(r => r != Roles.Owner))
            people[role] = (await StaffSession.CreateAndSignInAsync(app, role)).Client;
        var anonymous = app.CreateClient();
        // A member signed in to the portal (not a staff person): the portal's pages only, under the portal's own cookie.
        var number = await Portal.PortalMembers.CreateAsync(app, owner, "Mia", "Meise", "mia@example.org");
        var portalMember = await Portal.PortalMembers.InviteAndAcceptAsync(app, owner, number, "mia@example.org");
        var problems = new List<string>();

        foreach (var (endpoint, url, policy) in ProtectedGets(app))
        {
            var route = Route(endpoint);
            var api = route.StartsWith("/api/", StringComparison.Ordinal);
            if (policy == Permissions.PortalSelf)
            {
                // No staff session opens the portal, not even one of a person with the role Member: the portal asks only its own cookie.
                foreach (var (role, client) in people.Append(KeyValuePair.Create("anonymous", anonymous)))
                {
                    var response = await client.GetAsync(url);
                    if (Html.LocationPath(response) != "/portal/sign-in")
                        problems.Add($"{role} GET {url}: expected the portal's sign-in, got {(int)response.StatusCode} {Html.Location(response)}");
                }
                ExpectAllowed(problems, "portal member", route, url, await portalMember.GetAsync(url));
                continue;
            }
            foreach (var (role, client) in people)
            {
                var response = await client.GetAsync(url);
                if (Permissions.RoleHas(role, policy)) ExpectAllowed(problems, role, route, url, response);
                else if (!(api ? response.StatusCode == HttpStatusCode.Forbidden : Html.LocationPath(response) == "/access-denied"))
                    problems.Add($"{role} GET {url}: expected to be refused, got {(int)response.StatusCode} {Html.Location(response)}");
            }

            // A member's portal cookie is not sent to the staff area at all: there they are nobody.
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("portal member", portalMember) })
            {
                var outsider = await client.GetAsync(url);
                if (!(api ? outsider.StatusCode == HttpStatusCode.Unauthorized : Html.LocationPath(outsider) == "/signin"))
                    problems.Add($"{who} GET {url}: expected the sign-in, got {(int)outsider.StatusCode} {Html.Location(outsider)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task EveryRolesToken_GetsExactlyWhatItsPermissionsAllow(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var tokens = new Dictionary<string, HttpClient>();
        await using (var scope = app.Scope())
        {
            var access = scope.ServiceProvider.GetRequiredService<AccessOperations>();
            foreach (var role in Roles.Staff)
            {
                var (result, secret) = await access.CreateTokenAsync($"{role} token", role, [], null, null);
                Assert.True(result.Succeeded);
                var client = app.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                tokens[role] = client;
            }
        }
        var problems = new List<string>();

        foreach (var (endpoint, url, policy) in ProtectedGets(app))
        {
            foreach (var (role, client) in tokens)
            {
                var response = await client.GetAsync(url);
                // A token is never a portal session: the portal sends it to its own sign-in.
                if (policy == Permissions.PortalSelf)
                {
                    if (Html.LocationPath(response) != "/portal/sign-in")
                        problems.Add($"{role} token GET {url}: expected the portal's sign-in, got {(int)response.StatusCode} {Html.Location(response)}");
                    continue;
                }
                if (Permissions.RoleHas(role, policy)) ExpectAllowed(problems, $"{role} token", Route(endpoint), url, response);
                else if (response.StatusCode != HttpStatusCode.Forbidden)
                    problems.Add($"{role} token GET {url}: expected 403, got {(int)response.StatusCode} {Html.Location(response)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task PublicPages_OpenWithoutSigningIn(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await StaffSession.SetUpOwnerAsync(app);
        var anonymous = app.CreateClient();

        var problems = new List<string>();

        foreach (var endpoint in Endpoints(app).Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && AllowsGet(e)))
        {
            var url = Fill(endpoint);
            var response = await anonymous.GetAsync(url);
            // Some answer with a redirect (set-up done, no second step pending) or their own status; none asks to sign in or fails.
            var status = (int)response.StatusCode;
            if (status >= 500 && url != "/error" && !PublicBrokenWhenCalledDirectly.Contains(Route(endpoint)) || status is 401 || (status is 403 && url != "/access-denied")
                || (Html.LocationPath(response) == "/signin" && url is not ("/signin/two-factor" or "/setup")))
                problems.Add($"anonymous GET {url}: {status} {Html.Location(response)}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // An address that does not exist gets the not-found page.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/no-such-page")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RoleWithoutPermission_CannotPostAForm_EvenWithAValidAntiforgeryToken(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var it = await owner.InviteAndAcceptAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        var ownPage = await OpenForm.LoadAsync(it.Client, "/account", "password");

        var invite = await ownPage.SubmitAsync(new Dictionary<string, string>
        {
            ["_handler"] = "invite", ["Invite.Name"] = "Mallory", ["Invite.Email"] = "mallory@example.org", ["Invite.Role"] = Roles.Owner, ["Invite.Language"] = "en",
        }, to: "/access/people");
        var token = await ownPage.SubmitAsync(new Dictionary<string, string>
        {
            ["_handler"] = "create-token", ["Input.Name"] = "mine", ["Input.Role"] = Roles.Owner, ["Input.PersonId"] = "",
        }, to: "/access/tokens");

        Assert.Equal("/access-denied", Html.LocationPath(invite));
        Assert.Equal("/access-denied", Html.LocationPath(token));
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>();
        Assert.Equal(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Invitations));
        Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.ApiTokens));
    }

    private static void ExpectAllowed(List<string> problems, string who, string route, string url, HttpResponseMessage response)
    {
        if (BrokenForOtherReasons.Contains(route))
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || Html.LocationPath(response) is "/signin" or "/access-denied" or "/account/two-factor")
                problems.Add($"{who} GET {url}: expected to be let through, got {(int)response.StatusCode} {Html.Location(response)}");
            return;
        }
        // A route with a made-up id may answer "not found"; all others must open.
        var ok = response.StatusCode == HttpStatusCode.OK || (url != route && response.StatusCode == HttpStatusCode.NotFound);
        if (!ok) problems.Add($"{who} GET {url}: expected 200, got {(int)response.StatusCode} {Html.Location(response)}");
    }

    /// <summary>Every GET route that needs a permission, with its parameters filled in and its policy.</summary>
    private static List<(RouteEndpoint Endpoint, string Url, string Policy)> ProtectedGets(TestApp app)
    {
        var result = Endpoints(app)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && AllowsGet(e) && !AnySignedIn.Contains(Route(e)) && !Framework.Contains(Route(e)))
            .Select(e => (e, Fill(e), e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Single(p => p is not null)!))
            .ToList();
        Assert.True(result.Count >= 8, $"only {result.Count} protected GET routes found");
        return result;
    }

    private static List<RouteEndpoint> Endpoints(TestApp app) =>
        ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .DistinctBy(e => (Route(e), string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])))
            .ToList();

    private static bool AllowsGet(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase);

    private static string Route(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    /// <summary>The route with made-up values for its parameters (an id that exists nowhere, a token nobody was given).</summary>
    private static string Fill(RouteEndpoint endpoint) => Parameter().Replace(Route(endpoint), m => m.Groups["constraint"].Value switch
    {
        "guid" => Guid.NewGuid().ToString(),
        "int" => "404",
        _ => m.Groups["name"].Value == "documentName" ? "v1" : Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
    });

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:(?<constraint>[a-z]+))?\}")]
    private static partial Regex Parameter();
}
