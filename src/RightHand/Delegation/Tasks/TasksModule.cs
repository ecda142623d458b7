using RightHand.Delegation.Playbooks;

namespace RightHand.Delegation.Tasks;

/// <summary>Tasks with briefs, recurring tasks, playbooks and trial tasks.</summary>
internal static class TasksModule
{
    public static IServiceCollection AddTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DelegatedTasks>();
        services.AddScoped<IApprovalOutcome, TaskApprovals>();
        services.AddScoped<RecurringTasks>();
        services.AddScoped<TrialTasks>();
        services.AddScoped<PlaybookLibrary>();
        services.AddScoped<Offboarding.IOffboardingSource, TasksHeld>();
        services.AddScoped<Offboarding.IHandoverSection, TasksHeld>();
        services.AddScoped<Platform.Demo.IDemoDataSource, TasksDemoData>();
        if (configuration.GetValue("Jobs:Enabled", true)) services.AddHostedService<RecurringTaskWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        TaskFileEndpoints.Map(app);
        return app;
    }
}
