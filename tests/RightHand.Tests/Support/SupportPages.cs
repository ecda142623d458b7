using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support;

/// <summary>What the support tests do through the pages and the desk, as staff at the keyboard would.</summary>
internal static class SupportPages
{
    /// <summary>A member of the register, created through the register's own operation.</summary>
    public static async Task<Member> MemberAsync(TestApp app, Guid by, string first, string last, string email, string language = "en")
    {
        await using var scope = app.Scope();
        var draft = new MemberDraft(null, first, last, null, email, null, language, null, null, null, "DE", null, null, null, null, MemberStatus.Active);
        var (result, member) = await scope.ServiceProvider.GetRequiredService<MemberRegister>().CreateAsync(draft, by);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return member!;
    }

    /// <summary>Opens a ticket through the desk, as the mail and portal parts will.</summary>
    public static async Task<Ticket> OpenAsync(TestApp app, NewTicket draft)
    {
        await using var scope = app.Scope();
        var (result, ticket) = await scope.ServiceProvider.GetRequiredService<TicketDesk>().OpenAsync(draft);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return ticket!;
    }

    public static Task<Ticket> OpenByMailAsync(TestApp app, string from, string subject, string body = "Hello, I need help.", string? messageId = null) =>
        OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(null, from), subject, body, MailMessageId: messageId));

    /// <summary>
    /// Posts the ticket page's message form as a browser does with files chosen: multipart, with the page's antiforgery
    /// token and form name.
    /// </summary>
    public static Task<HttpResponseMessage> PostMessageAsync(HttpClient client, long number, string body, string kind = "reply", string? then = null,
        params (string Name, string Type, byte[] Content)[] files)
    {
        var fields = new Dictionary<string, string> { ["Message.Body"] = body, ["Message.Kind"] = kind };
        if (then is not null) fields["Message.Then"] = then;
        return PostWithFilesAsync(client, $"/support/tickets/{number}", "message", fields, "Files", files);
    }

    /// <summary>
    /// Posts one form of a page as a browser does with files chosen: multipart, with the page's antiforgery token and
    /// form name, the fields given and the files under <paramref name="fileField"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithFilesAsync(HttpClient client, string page, string formName, IDictionary<string, string> fields,
        string fileField, params (string Name, string Type, byte[] Content)[] files)
    {
        var document = await Html.GetAsync(client, page);
        var form = document.QuerySelectorAll("form").First(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null))
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            content.Add(file, fileField, name);
        }
        return await client.PostAsync(page, content);
    }

    public static async Task SentAsync(HttpResponseMessage response, string expectedLocation)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal(expectedLocation, Html.Location(response));
    }
}
