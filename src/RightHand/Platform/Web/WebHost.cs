using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Audit;
using RightHand.Components;
using RightHand.Delegation;
using RightHand.Delegation.Decisions;
using RightHand.Delegation.Offboarding;
using RightHand.Delegation.Tasks;
using RightHand.Members;
using RightHand.Members.Api;
using RightHand.Members.Webhooks;
using RightHand.Members.Privacy;
using RightHand.Members.Import;
using RightHand.Platform.Demo;
using RightHand.Platform.Localization;
using RightHand.Platform.Export;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Mail;
using RightHand.Portal;
using RightHand.Support;
using RightHand.Support.Sla;
using RightHand.Support.Answers;
using RightHand.Support.Links;
using RightHand.Support.Presence;
using RightHand.Support.Rules;
using RightHand.Support.Macros;
using RightHand.Support.Escalations;

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
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, KeptTextsFactory>());
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures.German);
            o.SupportedCultures = o.SupportedUICultures = Cultures.Supported;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguageProvider()];
        });

        services.AddAccess(builder.Configuration);
        services.AddDelegation();
        services.AddDecisions();
        services.AddOffboarding();
        services.AddTasks(builder.Configuration);
        services.AddDemoData();
        services.AddExport();
        services.AddMembers();
        services.AddSupport();
        services.AddTicketLinks();
        services.AddTicketPresence();
        services.AddEscalations();
        services.AddSla(builder.Configuration);
        services.AddCannedAnswers();
        services.AddSupportRules();
        services.AddSupportMacros();
        services.AddMemberApi();
        services.AddWebhooks(builder.Configuration);
        services.AddMemberPrivacy();
        services.AddPortal();
        services.AddMemberImport();
        services.AddRazorComponents();
        // Pages are German and English: the default encoder writes every letter outside ASCII as an entity (ü as &#xFC;),
        // which made a long German ticket thread a third larger and its encoding the slow path. Markup characters
        // (< > & " ') and control characters are still encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
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
        // The API answers with bare status codes or problem+json, never the HTML status page: re-executed as the
        // original PUT or POST, that page even turned a 403 into a 405.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return next(context);
        });
        app.UseStatusPagesAsGet();
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
        app.UseStatusPageForRejectedForms();

        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapAccess();
        app.MapAudit();
        app.MapOffboarding();
        app.MapPlatformEndpoints();
        app.MapTasks();
        app.MapExport();
        app.MapMembers();
        app.MapSupport();
        app.MapTicketPresence();
        app.MapEscalations();
        app.MapMemberApi();
        app.MapMemberPrivacy();
        app.MapPortal();
        app.MapMemberImport();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>
    /// The error and status pages are re-executed with the failed request's method. For a POST the form
    /// machinery then runs again on the page (antiforgery, form binding): after a rejected antiforgery
    /// token that throws, and the 400 became an empty 500. A re-executed request is a GET: the page only shows.
    /// </summary>
    private static void UseStatusPagesAsGet(this WebApplication app) => app.Use(async (context, next) =>
    {
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
        var method = context.Request.Method;
        if (!reExecuted || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            await next();
            return;
        }
        context.Request.Method = HttpMethods.Get;
        try { await next(); }
        finally { context.Request.Method = method; }
    });

    /// <summary>
    /// A form post whose antiforgery token was rejected ends here with a bare 400, which the status page
    /// then explains. Left to the endpoint, a Razor page answers with an empty 400 that the status pages
    /// do not touch (it already has a content type): the person would see a blank page.
    /// </summary>
    private static void UseStatusPageForRejectedForms(this WebApplication app) => app.Use(async (context, next) =>
    {
        // The status page itself runs as a GET (see UseStatusPagesAsGet) and still carries the failed validation.
        if (!HttpMethods.IsGet(context.Request.Method) && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next();
    });

    /// <summary>Brings the schema up to date; every command and the server call this before anything else.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync(ct: ct);
    }
}
