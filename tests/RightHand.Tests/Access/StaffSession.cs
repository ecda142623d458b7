using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;

namespace RightHand.Tests.Access;

/// <summary>
/// A staff member signed in through the real forms, as a browser would: their client (with its
/// cookies), their credentials and authenticator key, so a test can sign them in again.
/// </summary>
public sealed partial record StaffSession(HttpClient Client, Guid PersonId, string Name, string Email, string Password, string? AuthenticatorKey,
    IReadOnlyList<string> RecoveryCodes)
{
    public const string DefaultPassword = "correct horse battery staple";

    /// <summary>Sets up a fresh instance: the owner account through /setup, then the authenticator through /account/two-factor.</summary>
    public static async Task<StaffSession> SetUpOwnerAsync(TestApp app, string name = "Olivia Owner", string email = "owner@example.org")
    {
        var client = app.CreateClient();
        var setup = await client.SubmitAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Email"] = email, ["Input.Password"] = DefaultPassword, ["Input.Confirm"] = DefaultPassword,
        });
        if (setup.StatusCode != HttpStatusCode.Redirect || Html.Location(setup) != "/account/two-factor")
            throw new InvalidOperationException($"Set-up did not lead to the authenticator: {setup.StatusCode} {Html.Location(setup)}\n{await setup.Content.ReadAsStringAsync()}");
        var (key, codes) = await EnrolAuthenticatorAsync(client);
        return new StaffSession(client, await PersonIdAsync(app, email), name, email, DefaultPassword, key, codes);
    }

    /// <summary>Reads the key from the enrolment page, confirms it with a code and returns the key and the recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAuthenticatorAsync(HttpClient client)
    {
        var page = Html.Parse(await client.GetStringAsync("/account/two-factor"));
        var key = (page.QuerySelector("[data-testid=authenticator-key]")?.TextContent
            ?? throw new InvalidOperationException("No authenticator key on the page.")).Replace(" ", "", StringComparison.Ordinal);
        var response = await client.SubmitAsync("/account/two-factor", "enrol", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        var codes = Html.Parse(await response.Content.ReadAsStringAsync())
            .QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        if (codes.Count == 0) throw new InvalidOperationException("Enrolment showed no recovery codes.");
        return (key, codes);
    }

    /// <summary>Signs in on a new client with password and, when the account has one, the authenticator code.</summary>
    public static async Task<HttpClient> SignInAsync(TestApp app, string email, string password, string? authenticatorKey, HttpClient? client = null)
    {
        client ??= app.CreateClient();
        var response = await client.SubmitAsync("/signin", "signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (Html.Location(response)?.StartsWith("/signin/two-factor", StringComparison.Ordinal) == true)
        {
            var step = Html.Location(response)!;
            response = await client.SubmitAsync(step, "two-factor", new Dictionary<string, string>
            {
                ["Input.Code"] = Totp.Code(authenticatorKey ?? throw new InvalidOperationException($"{email} needs an authenticator code.")),
            });
        }
        if (response.StatusCode != HttpStatusCode.Redirect || Html.Location(response) != "/")
            throw new InvalidOperationException($"Sign-in of {email} failed: {response.StatusCode} {Html.Location(response)}");
        return client;
    }

    /// <summary>Signs this person in again on another client (a second browser).</summary>
    public Task<HttpClient> SignInAgainAsync(TestApp app) => SignInAsync(app, Email, Password, AuthenticatorKey);

    /// <summary>The owner invites on /access/people; returns the token of the link from the mail in the outbox.</summary>
    public async Task<string> InviteAsync(TestApp app, string name, string email, string role, string language = "en")
    {
        var response = await Client.SubmitAsync("/access/people", "invite", new Dictionary<string, string>
        {
            ["Invite.Name"] = name, ["Invite.Email"] = email, ["Invite.Role"] = role, ["Invite.Language"] = language,
        });
        response.EnsureSuccessStatusCode();
        return await InvitationTokenAsync(app, email) ?? throw new InvalidOperationException(
            $"No invitation mail to {email}:\n{await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The token in the newest invitation mail to <paramref name="email"/>, read from the outbox.</summary>
    public static async Task<string?> InvitationTokenAsync(TestApp app, string email)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var body = await db.OutgoingMails.Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstOrDefaultAsync();
        return body is null ? null : InvitationLink().Match(body) is { Success: true } m ? m.Groups[1].Value : null;
    }

    /// <summary>Invites, accepts on a new client and, where the role requires it, enrols the authenticator.</summary>
    public async Task<StaffSession> InviteAndAcceptAsync(TestApp app, string name, string email, string role)
    {
        var token = await InviteAsync(app, name, email, role);
        var client = app.CreateClient();
        var accepted = await client.SubmitAsync($"/invitation/{token}", "accept", new Dictionary<string, string>
        {
            ["Input.Password"] = DefaultPassword, ["Input.Confirm"] = DefaultPassword,
        });
        if (accepted.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Accepting failed: {accepted.StatusCode}\n{await accepted.Content.ReadAsStringAsync()}");
        string? key = null;
        IReadOnlyList<string> codes = [];
        if (Roles.RequiresTwoFactor(role)) (key, codes) = await EnrolAuthenticatorAsync(client);
        return new StaffSession(client, await PersonIdAsync(app, email), name, email, DefaultPassword, key, codes);
    }

    /// <summary>
    /// Creates a person of <paramref name="role"/> directly in the database (with the authenticator set up
    /// where the role requires it) and signs them in through the forms.
    /// </summary>
    public static async Task<StaffSession> CreateAndSignInAsync(TestApp app, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        string? key = null;
        Guid id;
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = new Person { Name = $"{role} Person", Email = email, NormalizedEmail = users.NormalizeEmail(email), Role = role, CreatedAt = DateTime.UtcNow };
            var created = await users.CreateAsync(person, DefaultPassword);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            if (Roles.RequiresTwoFactor(role))
            {
                await users.ResetAuthenticatorKeyAsync(person);
                key = await users.GetAuthenticatorKeyAsync(person);
                await users.SetTwoFactorEnabledAsync(person, true);
            }
            id = person.Id;
        }
        var client = await SignInAsync(app, email, DefaultPassword, key);
        return new StaffSession(client, id, $"{role} Person", email, DefaultPassword, key, []);
    }

    public static async Task<Guid> PersonIdAsync(TestApp app, string email)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var normalized = email.ToUpperInvariant();
        return await db.People.Where(p => p.NormalizedEmail == normalized).Select(p => p.Id).SingleAsync();
    }

    [GeneratedRegex(@"/invitation/([A-Za-z0-9_\-]+)")]
    private static partial Regex InvitationLink();
}

/// <summary>Reading the server-rendered pages.</summary>
public static class Html
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url}: {response.StatusCode} {Location(response)}");
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Where a redirect goes, as a local path and query (the app writes some redirects absolute).</summary>
    public static string? Location(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => null,
        { IsAbsoluteUri: true } uri => uri.PathAndQuery,
        var uri => uri.OriginalString,
    };

    /// <summary>The path of a redirect, without its query.</summary>
    public static string? LocationPath(HttpResponseMessage response) => Location(response)?.Split('?')[0];

    /// <summary>The names of the server-rendered forms on a page (their hidden _handler).</summary>
    public static IReadOnlyList<string> FormNames(IDocument page) =>
        page.QuerySelectorAll("input[name=_handler]").Select(i => i.GetAttribute("value") ?? "").ToList();
}

/// <summary>A form loaded now and submitted later, as when a page stays open in a browser tab.</summary>
public sealed class OpenForm
{
    private readonly string action;
    private readonly Dictionary<string, string> hidden;

    private OpenForm(HttpClient client, string action, Dictionary<string, string> hidden)
    {
        Client = client;
        this.action = action;
        this.hidden = hidden;
    }

    public HttpClient Client { get; }

    /// <summary>Loads <paramref name="page"/> and keeps the form named <paramref name="formName"/> (antiforgery token included).</summary>
    public static async Task<OpenForm> LoadAsync(HttpClient client, string page, string formName)
    {
        var document = await Html.GetAsync(client, page);
        var form = document.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {page}.");
        return new OpenForm(client, page, form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? ""));
    }

    /// <summary>Posts the form with <paramref name="fields"/>; <paramref name="to"/> posts the same token and form name to another page.</summary>
    public Task<HttpResponseMessage> SubmitAsync(IDictionary<string, string> fields, string? to = null)
    {
        var values = new Dictionary<string, string>(hidden);
        foreach (var (key, value) in fields) values[key] = value;
        return Client.PostAsync(to ?? action, new FormUrlEncodedContent(values));
    }
}
