using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Audit;
using RightHand.Platform.Jobs;
using RightHand.Platform.Mail;

namespace RightHand.Platform.Database;

/// <summary>
/// The one DbContext. Every module's entities live here; each module configures its own through
/// <see cref="IEntityTypeConfiguration{T}"/> classes next to the entity. Saving writes the audit
/// trail in the same transaction (see <see cref="AuditRecorder"/>).
/// </summary>
internal sealed class AppDb(DbContextOptions<AppDb> options, AuditRecorder auditRecorder) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Passkey> Passkeys => Set<Passkey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Delegation.WorkType> WorkTypes => Set<Delegation.WorkType>();
    public DbSet<Delegation.AutonomyChange> AutonomyChanges => Set<Delegation.AutonomyChange>();
    public DbSet<Delegation.ApprovalRequest> ApprovalRequests => Set<Delegation.ApprovalRequest>();
    public DbSet<Delegation.Reviews.SpotCheckReview> SpotCheckReviews => Set<Delegation.Reviews.SpotCheckReview>();
    // Decision log and offboarding
    public DbSet<Delegation.Decisions.Decision> Decisions => Set<Delegation.Decisions.Decision>();
    public DbSet<Delegation.Decisions.DecisionParticipant> DecisionParticipants => Set<Delegation.Decisions.DecisionParticipant>();
    public DbSet<Delegation.Decisions.DecisionVersion> DecisionVersions => Set<Delegation.Decisions.DecisionVersion>();
    public DbSet<Delegation.Decisions.DecisionAgreement> DecisionAgreements => Set<Delegation.Decisions.DecisionAgreement>();
    public DbSet<Delegation.Offboarding.OffboardingRecord> OffboardingRecords => Set<Delegation.Offboarding.OffboardingRecord>();
    // Delegation: tasks, recurring tasks, playbooks
    public DbSet<Delegation.Tasks.DelegatedTask> DelegatedTasks => Set<Delegation.Tasks.DelegatedTask>();
    public DbSet<Delegation.Tasks.ChecklistItem> ChecklistItems => Set<Delegation.Tasks.ChecklistItem>();
    public DbSet<Delegation.Tasks.TaskComment> TaskComments => Set<Delegation.Tasks.TaskComment>();
    public DbSet<Delegation.Tasks.TaskTimeLog> TaskTimeLogs => Set<Delegation.Tasks.TaskTimeLog>();
    public DbSet<Delegation.Tasks.TaskFile> TaskFiles => Set<Delegation.Tasks.TaskFile>();
    public DbSet<Delegation.Tasks.RecurringTask> RecurringTasks => Set<Delegation.Tasks.RecurringTask>();
    public DbSet<Delegation.Playbooks.Playbook> Playbooks => Set<Delegation.Playbooks.Playbook>();
    public DbSet<Delegation.Playbooks.PlaybookVersion> PlaybookVersions => Set<Delegation.Playbooks.PlaybookVersion>();
    // Members: the register
    public DbSet<Members.Member> Members => Set<Members.Member>();
    public DbSet<Members.MemberStatusChange> MemberStatusChanges => Set<Members.MemberStatusChange>();
    public DbSet<Members.MemberTag> MemberTags => Set<Members.MemberTag>();
    public DbSet<Members.MembershipPlan> MembershipPlans => Set<Members.MembershipPlan>();
    public DbSet<Members.ConsentRecord> ConsentRecords => Set<Members.ConsentRecord>();
    public DbSet<Members.SavedMemberView> SavedMemberViews => Set<Members.SavedMemberView>();
    public DbSet<Members.CustomField> CustomFields => Set<Members.CustomField>();
    public DbSet<Members.CustomFieldValue> CustomFieldValues => Set<Members.CustomFieldValue>();
    public DbSet<Members.MemberEvent> MemberEvents => Set<Members.MemberEvent>();
    public DbSet<Members.Bulk.BulkMemberUpdate> BulkMemberUpdates => Set<Members.Bulk.BulkMemberUpdate>();
    // Members: webhooks
    public DbSet<Members.Webhooks.Webhook> Webhooks => Set<Members.Webhooks.Webhook>();
    public DbSet<Members.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Members.Webhooks.WebhookDelivery>();
    public DbSet<Members.Webhooks.WebhookAttempt> WebhookAttempts => Set<Members.Webhooks.WebhookAttempt>();
    // Members: GDPR (data keys that seal personal values in the audit trail)
    public DbSet<Members.Privacy.MemberKey> MemberKeys => Set<Members.Privacy.MemberKey>();
    // Portal: member accounts, their links, branding and offered consents
    public DbSet<Portal.PortalAccount> PortalAccounts => Set<Portal.PortalAccount>();
    public DbSet<Portal.PortalLink> PortalLinks => Set<Portal.PortalLink>();
    public DbSet<Portal.PortalLogo> PortalLogos => Set<Portal.PortalLogo>();
    public DbSet<Portal.ConsentOffer> ConsentOffers => Set<Portal.ConsentOffer>();
    // Members: bulk import
    public DbSet<Members.Import.MemberImport> MemberImports => Set<Members.Import.MemberImport>();
    public DbSet<Members.Import.MemberImportProblem> MemberImportProblems => Set<Members.Import.MemberImportProblem>();
    public DbSet<Members.Import.MemberImportMapping> MemberImportMappings => Set<Members.Import.MemberImportMapping>();
    // Support: tickets, their conversation and attachments
    public DbSet<Support.Ticket> Tickets => Set<Support.Ticket>();
    public DbSet<Support.TicketCategory> TicketCategories => Set<Support.TicketCategory>();
    public DbSet<Support.TicketTag> TicketTags => Set<Support.TicketTag>();
    public DbSet<Support.TicketMessage> TicketMessages => Set<Support.TicketMessage>();
    public DbSet<Support.TicketAttachment> TicketAttachments => Set<Support.TicketAttachment>();
    public DbSet<Support.SavedTicketView> SavedTicketViews => Set<Support.SavedTicketView>();
    public DbSet<Support.Inbound.InboundMail> InboundMails => Set<Support.Inbound.InboundMail>();

    public DbSet<Support.Answers.CannedAnswer> CannedAnswers => Set<Support.Answers.CannedAnswer>();
    // Support: rules and macros
    public DbSet<Support.Rules.SupportRule> SupportRules => Set<Support.Rules.SupportRule>();
    public DbSet<Support.Macros.SupportMacro> SupportMacros => Set<Support.Macros.SupportMacro>();

    public DbSet<Support.Escalations.Escalation> Escalations => Set<Support.Escalations.Escalation>();
    public DbSet<Support.Escalations.EscalationEvent> EscalationEvents => Set<Support.Escalations.EscalationEvent>();

    internal AuditRecorder Audit => auditRecorder;

    /// <summary>
    /// A transaction of the caller's own, or null when one is already open (the demo data runs many
    /// operations in one): the caller commits only what it began.
    /// </summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginUnlessInTransactionAsync(CancellationToken ct) =>
        Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
        if (IsPostgres) RightHand.Members.MemberSearchIndexes.ApplyPostgres(modelBuilder);
        if (IsPostgres) RightHand.Support.Search.TicketSearchIndexes.ApplyPostgres(modelBuilder);
        ModelConventions.Apply(modelBuilder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        HashSet<Type> pending = [];
        var saved = await auditRecorder.SaveWithAuditAsync(this, () =>
        {
            pending = ChangeCounters.Pending(ChangeTracker);
            return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }, cancellationToken);
        ChangeCounters.Saved(pending);
        return saved;
    }
}
