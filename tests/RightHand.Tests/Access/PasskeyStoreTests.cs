using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Access;

/// <summary>
/// Passkeys as Identity stores them through PersonStore, on each engine's migrated schema, and the
/// server's half of the ceremonies. The browser's half (a real WebAuthn authenticator) is in
/// RightHand.BrowserTests/PasskeyTests.
/// </summary>
public sealed class PasskeyStoreTests
{
    private static readonly byte[] CredentialId = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Store_KeepsAPasskey_UpdatesItAfterUse_AndForgetsItWhenRemoved(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var created = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

        await InScope(app, async (users, db) =>
        {
            var person = await users.FindByIdAsync(owner.PersonId.ToString());
            var added = await users.AddOrUpdatePasskeyAsync(person!, new UserPasskeyInfo(CredentialId, [0xA5, 0x01, 0x02], created, 0,
                ["internal", "hybrid"], isUserVerified: true, isBackupEligible: true, isBackedUp: false, [0xA3, 0x63], [0x7B, 0x7D]) { Name = "Laptop" });
            Assert.True(added.Succeeded);
        });

        await InScope(app, async (users, db) =>
        {
            Assert.Equal(owner.PersonId, (await users.FindByPasskeyIdAsync(CredentialId))?.Id);
            var person = await users.FindByIdAsync(owner.PersonId.ToString());
            var stored = Assert.Single(await users.GetPasskeysAsync(person!));
            Assert.Equal(CredentialId, stored.CredentialId);
            Assert.Equal([0xA5, 0x01, 0x02], stored.PublicKey);
            Assert.Equal("Laptop", stored.Name);
            Assert.Equal(created, stored.CreatedAt);
            Assert.Equal(["internal", "hybrid"], stored.Transports!);
            Assert.True(stored.IsUserVerified && stored.IsBackupEligible && !stored.IsBackedUp);
            Assert.Equal([0xA3, 0x63], stored.AttestationObject);
            Assert.Equal([0x7B, 0x7D], stored.ClientDataJson);

            // What Identity does after a passkey sign-in: the same credential, a higher counter, no name.
            var used = new UserPasskeyInfo(CredentialId, stored.PublicKey, stored.CreatedAt, 7, stored.Transports, true, true, true,
                stored.AttestationObject, stored.ClientDataJson);
            Assert.True((await users.AddOrUpdatePasskeyAsync(person!, used)).Succeeded);
        });

        await InScope(app, async (users, db) =>
        {
            var row = await db.Passkeys.AsNoTracking().SingleAsync();
            Assert.Equal(7, row.SignCount);
            Assert.True(row.IsBackedUp);
            Assert.Equal("Laptop", row.Name);
            Assert.NotNull(row.LastUsedAt);

            // The trail says a passkey was added, without its key material.
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == nameof(Passkey) && e.Action == "created");
            Assert.Contains("Laptop", entry.Changes, StringComparison.Ordinal);
            using var changes = JsonDocument.Parse(entry.Changes);
            Assert.Equal("(hidden)", changes.RootElement.GetProperty("PublicKey").GetProperty("New").GetString());
            Assert.Equal("(hidden)", changes.RootElement.GetProperty("CredentialId").GetProperty("New").GetString());

            var person = await users.FindByIdAsync(owner.PersonId.ToString());
            Assert.True((await users.RemovePasskeyAsync(person!, CredentialId)).Succeeded);
        });

        await InScope(app, async (users, db) =>
        {
            Assert.Null(await users.FindByPasskeyIdAsync(CredentialId));
            Assert.Empty(await users.GetPasskeysAsync((await users.FindByIdAsync(owner.PersonId.ToString()))!));
        });
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SignInOptions_NeedTheAntiforgeryToken_AndAskForUserVerification(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await StaffSession.SetUpOwnerAsync(app);
        var client = app.CreateClient();

        // Another site's page cannot start a ceremony in someone's browser.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/signin/passkey/options", null)).StatusCode);

        var form = Html.Parse(await client.GetStringAsync("/signin")).QuerySelector("form[data-passkey=get]")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin/passkey/options");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("required", options.RootElement.GetProperty("userVerification").GetString());
        Assert.False(string.IsNullOrEmpty(options.RootElement.GetProperty("challenge").GetString()));
        // No person named, so the options reveal no account.
        Assert.False(options.RootElement.TryGetProperty("allowCredentials", out var allowed) && allowed.GetArrayLength() > 0);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task PasskeySignIn_WithoutACeremony_IsRefused_AndOpensNoSession(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await StaffSession.SetUpOwnerAsync(app);
        var sessionsBefore = await CountSessionsAsync(app);

        var response = await app.CreateClient().SubmitAsync("/signin", "passkey", new Dictionary<string, string>
        {
            ["Passkey.Credential"] = """{"id":"AQID","rawId":"AQID","type":"public-key","response":{}}""",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This passkey cannot sign in here.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(sessionsBefore, await CountSessionsAsync(app));
        await using var scope = app.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.AnyAsync(e => e.Action == "sign_in_failed" && e.Changes.Contains("passkey")));
    }

    private static async Task<int> CountSessionsAsync(TestApp app)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Sessions.CountAsync();
    }

    /// <summary>One request's worth of services: each step sees only what the previous one saved.</summary>
    private static async Task InScope(TestApp app, Func<UserManager<Person>, AppDb, Task> work)
    {
        await using var scope = app.Scope();
        await work(scope.ServiceProvider.GetRequiredService<UserManager<Person>>(), scope.ServiceProvider.GetRequiredService<AppDb>());
    }
}
