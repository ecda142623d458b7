namespace RightHand.Support.Sla;

/// <summary>The SLA part of the support desk: business calendars, targets and their settings page.</summary>
internal static class SlaModule
{
    public static IServiceCollection AddSla(this IServiceCollection services) => services.AddScoped<SlaSettings>();
}
