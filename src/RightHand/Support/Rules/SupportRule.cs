using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Members;

namespace RightHand.Support.Rules;

/// <summary>Where a rule sends a ticket it escalates. None: the rule escalates nothing.</summary>
internal enum RuleEscalation { None = 0, It = 1, Owner = 2 }

/// <summary>
/// A support rule: when every condition that is set holds for a ticket, its actions run, in list order with the other
/// rules. A condition left empty does not restrict; a rule without any condition matches every ticket. Conditions and
/// actions are columns rather than a list of rows: there are a dozen kinds, each at most once per rule, and the
/// owner edits a rule as one form.
/// </summary>
internal sealed class SupportRule
{
    public const int NameMax = 100, WordsMax = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>Rules run from the lowest position up.</summary>
    public int Position { get; set; }
    public bool Enabled { get; set; }
    /// <summary>When this rule fired, the rules after it are not looked at for this ticket.</summary>
    public bool StopAfter { get; set; }
    public bool OnNewTickets { get; set; } = true;
    public bool OnRequesterReplies { get; set; }

    public TicketChannel? Channel { get; set; }
    public Guid? CategoryId { get; set; }
    /// <summary>Words separated by spaces or commas; any one of them as a whole word, case ignored.</summary>
    public string? SubjectWords { get; set; }
    public string? BodyWords { get; set; }
    public MemberStatus? MemberStatus { get; set; }
    public Guid? MemberPlanId { get; set; }
    public string? MemberTag { get; set; }
    /// <summary>Minutes after local midnight in the business time zone; From after To spans midnight.</summary>
    public int? FromMinute { get; set; }
    public int? ToMinute { get; set; }
    /// <summary>Bit (1 &lt;&lt; DayOfWeek) per weekday on which the rule applies; 0 is every day.</summary>
    public int Weekdays { get; set; }
    public bool OutsideBusinessHours { get; set; }

    public Guid? SetCategoryId { get; set; }
    public TicketPriority? SetPriority { get; set; }
    public Guid? AssignTo { get; set; }
    public string? AddTag { get; set; }
    /// <summary>The canned answer a ticket in German gets, and the one a ticket in English gets.</summary>
    public Guid? AnswerDeId { get; set; }
    public Guid? AnswerEnId { get; set; }
    /// <summary>WaitingForMember, WaitingForIt or WaitingForOwner.</summary>
    public TicketState? SetWaiting { get; set; }
    public RuleEscalation Escalate { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool HasAction => SetCategoryId is not null || SetPriority is not null || AssignTo is not null || AddTag is not null
        || AnswerDeId is not null || AnswerEnId is not null || SetWaiting is not null || Escalate != RuleEscalation.None;
}

internal sealed class SupportRuleConfiguration : IEntityTypeConfiguration<SupportRule>
{
    public void Configure(EntityTypeBuilder<SupportRule> builder)
    {
        builder.ToTable("support_rules");
        builder.Property(r => r.Name).HasMaxLength(SupportRule.NameMax);
        builder.Property(r => r.SubjectWords).HasMaxLength(SupportRule.WordsMax);
        builder.Property(r => r.BodyWords).HasMaxLength(SupportRule.WordsMax);
        builder.Property(r => r.MemberTag).HasMaxLength(60);
        builder.Property(r => r.AddTag).HasMaxLength(TicketTag.MaxLength);
        builder.Ignore(r => r.HasAction);
        builder.HasIndex(r => r.Position);
    }
}
