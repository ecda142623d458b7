using RightHand.Support.Inbound;

namespace RightHand.Support;

/// <summary>The support desk: tickets, their conversation, attachments and categories.</summary>
internal static class SupportModule
{
    public static IServiceCollection AddSupport(this IServiceCollection services) => services
        .AddScoped<TicketDesk>()
        .AddScoped<Replies.ReplyReview>()
        .AddScoped<TicketCategories>()
        .AddScoped<Reports.SupportOverview>()
        .AddSingleton<AttachmentStore>()
        .AddSingleton<TicketViewCounts>()
        .AddSingleton<Search.SearchRarity>()
        .AddSingleton<SupportDirectory>()
        .AddScoped<Members.Privacy.IMemberErasureStep, TicketErasure>()
        .AddScoped<Delegation.Offboarding.IOffboardingSource, TicketsHeld>()
        .AddScoped<Ratings.SatisfactionSurvey>()
        .AddScoped<Api.TicketSync>()
        .AddScoped<Platform.Demo.IDemoDataSource, SupportDemoData>()
        .AddMailIntake();

    public static IEndpointRouteBuilder MapSupport(this IEndpointRouteBuilder app)
    {
        AttachmentEndpoints.Map(app);
        Portal.PortalTicketEndpoints.Map(app);
        app.MapInboundMailApi();
        app.MapRejectedMail();
        Api.TicketApi.MapTicketApi(app);
        return app;
    }
}
