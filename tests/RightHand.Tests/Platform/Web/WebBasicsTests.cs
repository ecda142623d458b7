using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Web;

/// <summary>What every page and endpoint promises: health, API description, security headers, cookies, antiforgery, language, rate limits.</summary>
public sealed class WebBasicsTests
{
    private const string OwnerEmail = "owner@example.org";
    private const string OwnerPassword = "a long enough passphrase";

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Health_AnswersOk_WithTheDatabaseEngineAndItsState(Engine engine)
    {
        await using var app = await StartAsync(engine);
        using var response = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var database = json.RootElement.GetProperty("database");
        Assert.Equal(engine.ToString(), database.GetProperty("engine").GetString());
        Assert.Equal("Healthy", database.GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Health_WhenTheDatabaseIsGone_AnswersServiceUnavailable(Engine engine)
    {
        await using var app = await StartAsync(engine);
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        if (engine == Engine.Postgres)
        {
            var admin = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE \"{new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(app.DataDirectory, "righthand.db*")) File.Delete(file);
        }

        using var response = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("database").GetProperty("state").GetString());
    }

    [Fact]
    public async Task OpenApi_IsServed_AndDescribesMe()
    {
        await using var app = await StartAsync(Engine.Sqlite);
        using var response = await app.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("RightHand API", json.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/v1/me", out var me));
        Assert.True(me.TryGetProperty("get", out _));
    }

    [Fact]
    public async Task Pages_CarrySecurityHeaders_AndNoInlineScript()
    {
        await using var app = await StartAsync(Engine.Sqlite, withOwner: true);
        using var response = await app.CreateClient().GetAsync(new Uri("/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);

        // The policy would block inline script, so the page must not need any.
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Empty(document.QuerySelectorAll("script:not([src])"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UnknownAddress_AnswersNotFound_WithTheAppsOwnPage()
    {
        await using var app = await StartAsync(Engine.Sqlite, withOwner: true);
        using var response = await app.CreateClient().GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Cookies_OverHttps_AreSecureAndHttpOnly()
    {
        await using var app = await StartAsync(Engine.Sqlite, withOwner: true);
        var client = app.CreateClient();
        var cookies = new List<string>();

        using (var page = await client.GetAsync(new Uri("/signin", UriKind.Relative))) cookies.AddRange(SetCookies(page));
        using (var culture = await SwitchLanguageAsync(client, "/signin")) cookies.AddRange(SetCookies(culture));
        using (var signIn = await client.SubmitAsync("/signin", "signin", new Dictionary<string, string> { ["Input.Email"] = OwnerEmail, ["Input.Password"] = OwnerPassword }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            cookies.AddRange(SetCookies(signIn));
        }

        Assert.Contains(cookies, c => c.StartsWith("rh.af=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("rh.session=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            var attributes = c.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
        });
        Assert.Contains("samesite=lax", Assert.Single(cookies, c => c.StartsWith("rh.session=", StringComparison.Ordinal)).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPosts_WithoutAntiforgeryToken_AreRejected()
    {
        await using var app = await StartAsync(Engine.Sqlite, withOwner: true);
        var client = app.CreateClient();
        await client.GetStringAsync(new Uri("/signin", UriKind.Relative)); // the antiforgery cookie alone is not enough

        using var culture = await client.PostAsync(new Uri("/culture", UriKind.Relative), Form(("language", "de")));
        using var signIn = await client.PostAsync(new Uri("/signin", UriKind.Relative),
            Form(("_handler", "signin"), ("Input.Email", OwnerEmail), ("Input.Password", OwnerPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, culture.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        // The person sees the app's own error page, not an empty response.
        Assert.Contains("Something went wrong", await culture.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Something went wrong", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(SetCookies(culture), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.DoesNotContain(SetCookies(signIn), c => c.StartsWith("rh.session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Language_FollowsTheBrowser_UntilTheSwitchSetsIt()
    {
        await using var app = await StartAsync(Engine.Sqlite, withOwner: true);
        var german = app.CreateClient(acceptLanguage: "de-DE,de;q=0.9");
        var english = app.CreateClient(acceptLanguage: "en-GB,en;q=0.9");

        Assert.Equal("de", await PageLanguageAsync(german, "/signin"));
        Assert.Equal("en", await PageLanguageAsync(english, "/signin"));

        using (var switched = await SwitchLanguageAsync(german, "/signin"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            Assert.Equal("/signin", switched.Headers.Location?.OriginalString);
        }
        Assert.Equal("en", await PageLanguageAsync(german, "/signin"));
        using (await SwitchLanguageAsync(german, "/signin")) { }
        Assert.Equal("de", await PageLanguageAsync(german, "/signin"));
    }

    [Theory]
    [InlineData("/signin?returnUrl=%2Faudit", "/signin?returnUrl=%2Faudit")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\taudit", "/")]
    [InlineData("", "/")]
    public async Task LanguageSwitch_ReturnsOnlyToPagesOfThisSite(string returnUrl, string expectedLocation)
    {
        await using var app = await StartAsync(Engine.Sqlite, withOwner: true);
        var client = app.CreateClient();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/signin", UriKind.Relative)));
        var token = document.QuerySelector("form[action='/culture'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative),
            Form(("__RequestVerificationToken", token), ("language", "de"), ("returnUrl", returnUrl)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expectedLocation, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignInPosts_BeyondTheLimitPerMinute_GetTooManyRequests()
    {
        await using var app = await StartAsync(Engine.Sqlite, withOwner: true, new() { ["Access:SignInAttemptsPerMinute"] = "3" });
        var client = app.CreateClient();
        var wrong = new Dictionary<string, string> { ["Input.Email"] = OwnerEmail, ["Input.Password"] = "not the password at all" };

        for (var i = 0; i < 3; i++)
        {
            using var attempt = await client.SubmitAsync("/signin", "signin", wrong);
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }
        using var fourth = await client.SubmitAsync("/signin", "signin", wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("Too many attempts", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Only the sign-in posts are limited.
        using var page = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var culture = await SwitchLanguageAsync(client, "/signin");
        Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);
    }

    private static async Task<TestApp> StartAsync(Engine engine, bool withOwner = false, Dictionary<string, string?>? overrides = null)
    {
        overrides ??= [];
        overrides["Jobs:Enabled"] = "false";
        var app = await TestApp.StartAsync(engine, overrides);
        if (withOwner)
        {
            await using var scope = app.Scope();
            var (result, _) = await scope.ServiceProvider.GetRequiredService<AccessOperations>().CreateOwnerAsync("Olga Owner", OwnerEmail, OwnerPassword, "en");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }
        return app;
    }

    /// <summary>Presses the language switch on <paramref name="page"/>, as a browser does: its form, its token, its one button.</summary>
    private static async Task<HttpResponseMessage> SwitchLanguageAsync(HttpClient client, string page)
    {
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
        var form = document.QuerySelector("form[action='/culture']") ?? throw new InvalidOperationException($"No language switch on {page}.");
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => (i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        var button = form.QuerySelector("button[name=language]") ?? throw new InvalidOperationException("The language switch has no button.");
        fields.Add(("language", button.GetAttribute("value")!));
        return await client.PostAsync(new Uri("/culture", UriKind.Relative), Form([.. fields]));
    }

    private static async Task<string?> PageLanguageAsync(HttpClient client, string page) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(page, UriKind.Relative))).DocumentElement.GetAttribute("lang");

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
}
