using System.Net;
using System.Net.Http.Headers;
using RightHand.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Members.Api;
using Xunit;

namespace RightHand.Tests.Support.Inbound;

/// <summary>POST /api/v1/inbound-mail with a token that may deliver mail and nothing else.</summary>
public sealed class InboundMailApiTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ScopedToken_PostsMail_GetsTicketAndOutcome_RejectedIs422_AndTheTokenCanDoNothingElse(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var api = await SyncApi.ClientAsync(app, Roles.It, Permissions.SupportInbound);

        var created = await PostAsync(api, ReceivedMail.Text("anna@example.org", "Help", "Please help.", "<api1@example.org>"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await SyncApi.JsonAsync(created);
        Assert.Equal((10001, "ticket-created"), (body.GetProperty("ticket").GetInt64(), body.GetProperty("outcome").GetString()));
        var again = await SyncApi.JsonAsync(await PostAsync(api, ReceivedMail.Text("anna@example.org", "Help", "Please help.", "<api1@example.org>")));
        Assert.Equal("already-received", again.GetProperty("outcome").GetString());

        var rejected = await PostAsync(api, "not a mail\r\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Contains("not a mail message", (await SyncApi.JsonAsync(rejected)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var text = new ByteArrayContent("From: a@example.org\r\n\r\nx"u8.ToArray());
        text.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await api.PostAsync("/api/v1/inbound-mail", text)).StatusCode);

        // Scoped: the member API and the rest stay closed to it; a role without the permission cannot post mail.
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/members")).StatusCode);
        var assistant = await SyncApi.ClientAsync(app, Roles.Assistant);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(assistant, ReceivedMail.Text("anna@example.org", "Help", "x", "<api2@example.org>"))).StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheInboundMailEndpoint()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        var doc = System.Text.Json.JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var post = doc.GetProperty("paths").GetProperty("/api/v1/inbound-mail").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("message/rfc822", out _));
        Assert.Superset(new HashSet<string> { "200", "413", "415", "422" }, post.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());
        Assert.Contains("already-received", post.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, byte[] mail)
    {
        using var content = new ByteArrayContent(mail);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return await api.PostAsync("/api/v1/inbound-mail", content);
    }
}
