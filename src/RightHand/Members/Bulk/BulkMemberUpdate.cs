using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Members.Bulk;

internal enum BulkChange { SetStatus = 0, AddTag = 1, RemoveTag = 2, SetPlan = 3, SetLanguage = 4, SetCustomField = 5 }

internal enum BulkUpdateState { WaitingForApproval = 0, Applying = 1, Done = 2, Rejected = 3 }

/// <summary>
/// One change to many members at once ("add the tag VIP to these 312 members"). The members are fixed when the change
/// is prepared, so the approver approves exactly the set they see, not whatever the filter matches later.
/// </summary>
internal sealed class BulkMemberUpdate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public BulkChange Change { get; set; }
    /// <summary>The status name, the tag, the plan id, the language code or the custom field's stored value.</summary>
    public string Value { get; set; } = "";
    /// <summary>The custom field for <see cref="BulkChange.SetCustomField"/>.</summary>
    public Guid? FieldId { get; set; }
    /// <summary>The list filter the set came from, as a query string, to show where it came from.</summary>
    public string Filter { get; set; } = "";
    /// <summary>The member ids, one per line, in member-number order.</summary>
    public string MemberIds { get; set; } = "";
    public int MemberCount { get; set; }
    public Guid PreparedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public BulkUpdateState State { get; set; }
    /// <summary>How many members of the set were processed; the job resumes after them.</summary>
    public int Processed { get; set; }
    /// <summary>How many of them actually changed (the others had the value already).</summary>
    public int Changed { get; set; }
    public string? Comment { get; set; }
    public DateTime? FinishedAt { get; set; }

    public IReadOnlyList<Guid> Members() =>
        MemberIds.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
}

internal sealed class BulkMemberUpdateConfiguration : IEntityTypeConfiguration<BulkMemberUpdate>
{
    public void Configure(EntityTypeBuilder<BulkMemberUpdate> builder)
    {
        builder.ToTable("bulk_member_updates");
        builder.Property(u => u.Value).HasMaxLength(1000);
        builder.Property(u => u.Filter).HasMaxLength(2000);
        builder.Property(u => u.Comment).HasMaxLength(4000);
        builder.HasIndex(u => u.CreatedAt);
        // The set never changes after it is prepared, and the approval's preview names it; the progress counters are
        // bookkeeping. Each member's change is audited on the member.
        builder.Property(u => u.MemberIds).IsNotAudited();
        builder.Property(u => u.Processed).IsNotAudited();
        builder.Property(u => u.Changed).IsNotAudited();
    }
}

internal static class BulkLabels
{
    public static string State(BulkUpdateState state, Microsoft.Extensions.Localization.IStringLocalizer l) => state switch
    {
        BulkUpdateState.WaitingForApproval => l["awaiting approval"],
        BulkUpdateState.Applying => l["being applied"],
        BulkUpdateState.Done => l["done"],
        _ => l["changes requested"],
    };

    public static string? Css(BulkUpdateState state) => state switch { BulkUpdateState.Done => "ok", BulkUpdateState.Rejected => "off", _ => null };
}
