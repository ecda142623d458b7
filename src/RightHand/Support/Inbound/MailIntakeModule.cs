namespace RightHand.Support.Inbound;

/// <summary>Receiving mail: the intake, receipts, the rejected-mail folder; the inbound-mail API and the rejected-mail download.</summary>
internal static class MailIntakeModule
{
    public static IServiceCollection AddMailIntake(this IServiceCollection services) => services
        .AddScoped<MailIntake>()
        .AddScoped<MailAcknowledgements>()
        .AddSingleton<RejectedMailFolder>();
}
