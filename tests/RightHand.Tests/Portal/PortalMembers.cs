using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Portal;

/// <summary>What the portal tests do as staff and as members, through the real pages and mails.</summary>
internal static partial class PortalMembers
{
    public const string Password = "a long portal passphrase";

    /// <summary>Creates a member in the register and returns their number.</summary>
    public static async Task<string> CreateAsync(TestApp app, StaffSession owner, string first, string last, string email, string language = "en")
    {
        await using var scope = app.Scope();
        var register = scope.ServiceProvider.GetRequiredService<MemberRegister>();
        var (result, member) = await register.CreateAsync(new MemberDraft("", first, last, null, email, null, language, "Hauptstraße 1", "10115", "Berlin", "DE",
            null, null, null, "VIP", MemberStatus.Active), owner.PersonId);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return member!.Number;
    }

    /// <summary>The owner invites from the member page; returns the token of the mailed link.</summary>
    public static async Task<string> InviteAsync(TestApp app, StaffSession owner, string number, string email)
    {
        var response = await owner.Client.SubmitAsync($"/members/{number}", "portal-invite", new Dictionary<string, string>());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return (await LinkAsync(app, email, "invitation"))!;
    }

    /// <summary>Invites, chooses the password on a new client and returns the signed-in member's client.</summary>
    public static async Task<HttpClient> InviteAndAcceptAsync(TestApp app, StaffSession owner, string number, string email)
    {
        var token = await InviteAsync(app, owner, number, email);
        var client = app.CreateClient();
        var set = await client.SubmitAsync($"/portal/invitation/{token}", "set-password", new Dictionary<string, string>
        {
            ["Input.Password"] = Password, ["Input.Confirm"] = Password,
        });
        Assert.True(Html.Location(set) == "/portal", $"{set.StatusCode} {Html.Location(set)}\n{await set.Content.ReadAsStringAsync()}");
        return client;
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password) =>
        client.SubmitAsync("/portal/sign-in", "password", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>The token of the newest portal link of that kind ("invitation" or "link") mailed to the address, from the outbox.</summary>
    public static async Task<string?> LinkAsync(TestApp app, string email, string kind)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var bodies = await db.OutgoingMails.Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync();
        return bodies.Select(b => PortalLink().Match(b)).FirstOrDefault(m => m.Success && m.Groups[1].Value == kind)?.Groups[2].Value;
    }

    public static async Task<int> MailsToAsync(TestApp app, string email)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.CountAsync(m => m.To == email);
    }

    public static async Task<Member> MemberAsync(TestApp app, string number)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Members.AsNoTracking().SingleAsync(m => m.Number == number);
    }

    [GeneratedRegex(@"/portal/(invitation|link)/([A-Za-z0-9_\-]+)")]
    private static partial Regex PortalLink();
}
