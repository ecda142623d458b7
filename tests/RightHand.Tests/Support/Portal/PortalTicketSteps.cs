using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Portal;
using Xunit;

namespace RightHand.Tests.Support.Portal;

/// <summary>A member signed in to the portal: their client and their id in the register.</summary>
internal sealed record PortalMember(HttpClient Client, Guid Id, string Number, string Email);

/// <summary>What the portal ticket tests do as a member at the browser, and as staff through the desk.</summary>
internal static class PortalTicketSteps
{
    /// <summary>Mail stays in the outbox, where the tests read it.</summary>
    public static readonly Dictionary<string, string?> NoJobs = new() { ["Jobs:Enabled"] = "false" };

    /// <summary>The owner set up, and the member Emily Evans (English) signed in to the portal.</summary>
    public static async Task<(StaffSession Owner, PortalMember Emily)> OwnerAndEmilyAsync(TestApp app)
    {
        var owner = await StaffSession.SetUpOwnerAsync(app);
        return (owner, await MemberAsync(app, owner, "Emily", "Evans", "emily@example.org"));
    }

    /// <summary>Creates a member, invites them and signs them in to the portal.</summary>
    public static async Task<PortalMember> MemberAsync(TestApp app, StaffSession owner, string first, string last, string email, string language = "en")
    {
        var number = await PortalMembers.CreateAsync(app, owner, first, last, email, language);
        var client = await PortalMembers.InviteAndAcceptAsync(app, owner, number, email);
        return new PortalMember(client, (await PortalMembers.MemberAsync(app, number)).Id, number, email);
    }

    /// <summary>
    /// Posts a page's form as a browser does with files chosen: multipart, with the antiforgery token and form name of
    /// the form loaded from <paramref name="loadFrom"/> (default: the page itself), to <paramref name="page"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string formName, IDictionary<string, string> fields,
        (string Name, string Type, byte[] Content)[]? files = null, string? loadFrom = null)
    {
        var document = await Html.GetAsync(client, loadFrom ?? page);
        var form = document.QuerySelectorAll("form").First(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null))
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (name, type, bytes) in files ?? [])
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            content.Add(file, "Files", name);
        }
        return await client.PostAsync(page, content);
    }

    /// <summary>The member asks through /portal/tickets/new; returns the new ticket's number from the redirect.</summary>
    public static async Task<long> AskAsync(PortalMember member, string subject, string body, params (string Name, string Type, byte[] Content)[] files)
    {
        var response = await PostAsync(member.Client, "/portal/tickets/new", "new-ticket",
            new Dictionary<string, string> { ["Input.Subject"] = subject, ["Input.Body"] = body }, files);
        var location = Html.Location(response) ?? throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        Assert.EndsWith("?done=opened", location, StringComparison.Ordinal);
        return long.Parse(location.Split('/', '?')[3], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<Ticket> TicketAsync(TestApp app, long number)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
    }

    /// <summary>Runs one desk operation in its own scope and insists it succeeded.</summary>
    public static async Task DeskAsync(TestApp app, Func<TicketDesk, Task<RightHand.Access.OperationResult>> operation)
    {
        await using var scope = app.Scope();
        var result = await operation(scope.ServiceProvider.GetRequiredService<TicketDesk>());
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }
}
