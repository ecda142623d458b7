using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Web;

/// <summary>Two instances on one database (behind a load balancer, or before and after a restart) accept each other's tokens.</summary>
public sealed class SharedKeyRingTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AntiforgeryToken_FromOneInstance_IsAcceptedByAnother_BecauseTheKeysLiveInTheDatabase(Engine engine)
    {
        var noJobs = new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" };
        await using var first = await TestApp.StartAsync(engine, noJobs);
        var settings = first.Services.GetRequiredService<DatabaseSettings>();
        var sameDatabase = new Dictionary<string, string?>(noJobs);
        if (engine == Engine.Postgres) sameDatabase["ConnectionStrings:Postgres"] = settings.ConnectionString;
        else sameDatabase["RIGHTHAND_DATA_DIR"] = settings.DataDirectory;
        await using var second = await TestApp.StartAsync(engine, sameDatabase);

        // A page from the first instance with its antiforgery cookie and token: the not-found page has the
        // language switch and no form or query of its own, which keeps this test about the key ring.
        using var page = await first.CreateClient().GetAsync(new Uri("/no-such-page", UriKind.Relative));
        Assert.True(page.StatusCode == HttpStatusCode.NotFound, $"{page.StatusCode}: {await page.Content.ReadAsStringAsync()}");
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rh.af=", StringComparison.Ordinal)).Split(';')[0];
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var token = document.QuerySelector("form[action='/culture'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await using (var scope = first.Scope())
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<AppDb>().DataProtectionKeys.AsNoTracking().ToListAsync());

        // Posted to the second instance.
        using var client = new HttpClient(second.App.GetTestServer().CreateHandler()) { BaseAddress = new Uri(second.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/culture")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("language", "en"), new("returnUrl", "/")]),
        };
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
