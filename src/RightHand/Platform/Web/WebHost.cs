using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using RightHand.Access;
using RightHand.Audit;
using RightHand.Components;
using RightHand.Platform.Demo;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Mail;

namespace RightHand.Platform.Web;

/// <summary>Builds the web application: one place that adds every module's services and maps its routes.</summary>
internal static class WebHost
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder CreateBuilder(string[] args, IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton<TimeProvider>(MicrosecondClock.Instance);
        services.AddHttpContextAccessor();
        services.AddDatabase(DatabaseSettings.From(builder.Configuration));
        services.AddScoped<AuditActorAccessor>();
        services.AddScoped<AuditRecorder>();
        services.AddScoped<Migrator>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DatabaseKeyRing>();
        services.AddDataProtection().SetApplicationName("RightHand");

        services.Configure<MailOptions>(builder.Configuration.GetSection("Mail"));
        services.AddSingleton<Mailer>();
        services.AddScoped<IJobHandler, SendMailJob>();
        services.AddSingleton<JobRunner>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true)) services.AddHostedService<JobWorker>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures.German);
            o.SupportedCultures = o.SupportedUICultures = Cultures.Supported;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguageProvider()];
        });

        services.AddAccess(builder.Configuration);
        services.AddDemoData();
        services.AddRazorComponents();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "RightHand API";
            doc.Info.Description = "Send `Authorization: Bearer <token>`; tokens are created by the owner under Access → API tokens.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddDbContextCheck<AppDb>("database");
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        if (app.Configuration.GetValue("Proxy:TrustForwardedHeaders", false)) app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTwoFactorEnrolment();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapAccess();
        app.MapAudit();
        app.MapPlatformEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Brings the schema up to date; every command and the server call this before anything else.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync(ct: ct);
    }
}
