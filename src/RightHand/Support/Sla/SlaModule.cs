namespace RightHand.Support.Sla;

/// <summary>The SLA part of the support desk: business calendars, targets and their settings page, warnings before a breach.</summary>
internal static class SlaModule
{
    public static IServiceCollection AddSla(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SlaSettings>().AddScoped<SlaWarnings>();
        if (configuration.GetValue("Jobs:Enabled", true)) services.AddHostedService<SlaWarningWorker>();
        return services;
    }
}
