using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Access;

/// <summary>API tokens: created by the owner or on the command line, acting with their role narrowed to their scopes.</summary>
[Collection(CommandLineGroup.Name)]
public sealed partial class ApiTokenTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TokenFromTokensPage_ActsWithItsRole_OnTheApi(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var secret = await RevocationTests.CreateTokenAsync(owner, "platform sync", Roles.It);
        using var api = Bearer(app, secret);

        var me = await api.GetFromJsonAsync<Me>("/api/v1/me");

        Assert.NotNull(me);
        Assert.Equal(Roles.It, me.Role);
        Assert.Equal("platform sync", me.Name);
        Assert.Null(me.PersonId);
        Assert.Equal(Permissions.All.Where(p => Permissions.RoleHas(Roles.It, p)), me.Permissions);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ScopedToken_HasOnlyItsScopes_ThoughItsRoleHasMore(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        using var full = Bearer(app, await RevocationTests.CreateTokenAsync(owner, "full", Roles.Owner));
        using var scoped = Bearer(app, await RevocationTests.CreateTokenAsync(owner, "dashboard only", Roles.Owner, scope: Permissions.DashboardView));

        Assert.Equal(HttpStatusCode.OK, (await full.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.GetAsync("/api/v1/audit")).StatusCode);
        var me = await scoped.GetFromJsonAsync<Me>("/api/v1/me");
        Assert.Equal([Permissions.DashboardView], me!.Permissions);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RevokedOrUnknownToken_Gets401(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var secret = await RevocationTests.CreateTokenAsync(owner, "deploy", Roles.It);
        using var api = Bearer(app, secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        Guid id;
        await using (var scope = app.Scope())
            id = await scope.ServiceProvider.GetRequiredService<AppDb>().ApiTokens.Where(t => t.Name == "deploy").Select(t => t.Id).SingleAsync();
        var page = await owner.Client.SubmitAsync("/access/tokens", $"revoke-token-{id}", new Dictionary<string, string>());
        page.EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        using var unknown = Bearer(app, secret + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/v1/me")).StatusCode);
        // Without any credentials the API answers 401 too, instead of redirecting to the sign-in page.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task PersonsToken_LosesWhatThePersonLoses_WhenTheirRoleChanges(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var partner = await owner.InviteAndAcceptAsync(app, "Paula Partner", "paula@example.org", Roles.Owner);
        using var api = Bearer(app, await RevocationTests.CreateTokenAsync(owner, "paula's export", Roles.Owner, partner.PersonId));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/audit")).StatusCode);

        var changed = await owner.Client.SubmitAsync("/access/people", $"role-{partner.PersonId}", new Dictionary<string, string> { ["NewRole"] = Roles.Accountant });
        Assert.Contains("Role changed.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/audit")).StatusCode);
        var me = await api.GetFromJsonAsync<Me>("/api/v1/me");
        Assert.Equal(Permissions.All.Where(p => Permissions.RoleHas(Roles.Accountant, p)), me!.Permissions);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task StoredToken_IsAHashOfTheSecret_AndTheSecretIsShownOnlyOnce(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var secret = await RevocationTests.CreateTokenAsync(owner, "backup", Roles.It);

        await using (var scope = app.Scope())
        {
            var token = await scope.ServiceProvider.GetRequiredService<AppDb>().ApiTokens.AsNoTracking().SingleAsync();
            Assert.NotEqual(secret, token.TokenHash);
            Assert.DoesNotContain(secret, token.TokenHash, StringComparison.Ordinal);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), token.TokenHash);
            Assert.True(token.Hint.Length < 12 && secret.StartsWith(token.Hint, StringComparison.Ordinal));
        }
        var later = await owner.Client.GetStringAsync("/access/tokens");
        Assert.DoesNotContain(secret, later, StringComparison.Ordinal);
        var audit = await owner.Client.GetStringAsync("/audit/export.csv");
        Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        Assert.Contains("ApiToken", audit, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task CommandLine_CreatesTokenThatWorks_AndRefusesScopesBeyondTheRole(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);

        var (code, output) = await CommandLine.RunAsync(app, "tokens", "create", "--name", "x", "--role", "IT");

        Assert.Equal(0, code);
        var secret = Assert.Single(TokenLine().Matches(output)).Value.Trim();
        using var api = Bearer(app, secret);
        var me = await api.GetFromJsonAsync<Me>("/api/v1/me");
        Assert.Equal(Roles.It, me!.Role);
        Assert.Equal("x", me.Name);

        var (refused, refusedOutput) = await CommandLine.RunAsync(app, "tokens", "create", "--name", "y", "--role", "IT", "--scope", Permissions.AuditRead);
        Assert.Equal(2, refused);
        Assert.Empty(TokenLine().Matches(refusedOutput));
        await using var scope = app.Scope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDb>().ApiTokens.CountAsync());
    }

    private static HttpClient Bearer(TestApp app, string secret)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [GeneratedRegex(@"(?m)^rh_[A-Za-z0-9_\-]{20,}\s*$")]
    private static partial Regex TokenLine();

    private sealed record Me(Guid? PersonId, string Name, string Role, List<string> Permissions);
}
