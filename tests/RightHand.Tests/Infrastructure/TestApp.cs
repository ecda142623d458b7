using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RightHand.Platform.Database;
using RightHand.Platform.Web;

namespace RightHand.Tests.Infrastructure;

public enum Engine { Sqlite, Postgres }

/// <summary>
/// The real app, with its real database (SQLite in a temp folder, or a fresh database in the test
/// run's PostgreSQL cluster), served in memory (TestServer) or on a real port (Kestrel, for the browser).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private static readonly SemaphoreSlim ClusterLock = new(1, 1);
    private static PostgresCluster? cluster;

    private readonly string dataDir;

    private TestApp(WebApplication app, string dataDir, string? baseUrl)
    {
        App = app;
        this.dataDir = dataDir;
        BaseUrl = baseUrl ?? "https://localhost";
    }

    internal WebApplication App { get; }
    public IServiceProvider Services => App.Services;
    public string BaseUrl { get; }
    public string DataDirectory => dataDir;

    public static IEnumerable<object[]> Engines => [[Engine.Sqlite], [Engine.Postgres]];

    /// <summary>Configuration for a test app on <paramref name="engine"/>: a fresh, empty database each time.</summary>
    public static async Task<Dictionary<string, string?>> ConfigurationFor(Engine engine)
    {
        var dataDir = Directory.CreateTempSubdirectory("righthand-test-").FullName;
        var config = new Dictionary<string, string?> { ["RIGHTHAND_DATA_DIR"] = dataDir, ["Logging:LogLevel:Default"] = "Warning" };
        if (engine == Engine.Postgres) config["ConnectionStrings:Postgres"] = await (await ClusterAsync()).CreateDatabaseAsync();
        return config;
    }

    /// <param name="services">Extra registrations after the app's own, e.g. a test's job handler.</param>
    public static async Task<TestApp> StartAsync(Engine engine, IDictionary<string, string?>? overrides = null, TimeProvider? clock = null, bool kestrel = false,
        Action<IServiceCollection>? services = null)
    {
        var config = await ConfigurationFor(engine);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) config[key] = value;
        string? baseUrl = null;
        if (kestrel)
        {
            baseUrl = $"http://127.0.0.1:{ProcessRunner.FreeTcpPort()}";
            config["urls"] = baseUrl;
        }
        var builder = WebHost.CreateBuilder([], config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (!kestrel) builder.WebHost.UseTestServer();
        if (clock is not null) builder.Services.Replace(ServiceDescriptor.Singleton(clock));
        services?.Invoke(builder.Services);
        var app = WebHost.Build(builder);
        await WebHost.MigrateAsync(app.Services);
        await app.StartAsync();
        return new TestApp(app, config["RIGHTHAND_DATA_DIR"]!, baseUrl);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient CreateClient(string? acceptLanguage = "en", CookieContainer? cookies = null)
    {
        var handler = new CookieHandler(cookies ?? new CookieContainer(), App.GetTestServer().CreateHandler());
        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<PostgresCluster> ClusterAsync()
    {
        await ClusterLock.WaitAsync();
        try
        {
            if (cluster is null)
            {
                cluster = await PostgresCluster.StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return cluster;
        }
        finally { ClusterLock.Release(); }
    }

    /// <summary>Keeps cookies like a browser; redirects are returned to the test, not followed.</summary>
    private sealed class CookieHandler(CookieContainer cookies, HttpMessageHandler inner) : DelegatingHandler(inner)
    {

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                foreach (var value in values) cookies.SetCookies(request.RequestUri!, value);
            return response;
        }
    }
}
