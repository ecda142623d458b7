namespace RightHand.Support;

/// <summary>The support desk: tickets, their conversation, attachments and categories.</summary>
internal static class SupportModule
{
    public static IServiceCollection AddSupport(this IServiceCollection services) => services
        .AddScoped<TicketDesk>()
        .AddScoped<TicketCategories>()
        .AddSingleton<AttachmentStore>()
        .AddScoped<Api.TicketSync>();

    public static IEndpointRouteBuilder MapSupport(this IEndpointRouteBuilder app)
    {
        AttachmentEndpoints.Map(app);
        Api.TicketApi.MapTicketApi(app);
        return app;
    }
}
