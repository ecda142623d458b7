namespace RightHand.Support.Links;

/// <summary>Merging, splitting and parent/child links between tickets; their forms sit in the ticket page's side panel.</summary>
internal static class LinksModule
{
    public static IServiceCollection AddTicketLinks(this IServiceCollection services) => services
        .AddScoped<TicketMerge>()
        .AddScoped<TicketSplit>()
        .AddScoped<TicketFamily>();
}
