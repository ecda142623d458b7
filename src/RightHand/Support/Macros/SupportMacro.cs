using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Support.Macros;

/// <summary>Whom a macro gives the ticket to: leaves it, the person who applies the macro, a chosen person, or nobody.</summary>
public enum MacroAssignee { Unchanged = 0, Me = 1, Person = 2, Nobody = 3 }

/// <summary>
/// A macro: one click on a ticket that sends a canned answer (in the ticket's language), sets the state, adds tags and
/// gives the ticket to someone. Each part is optional; a macro does at least one thing.
/// </summary>
internal sealed class SupportMacro
{
    public const int NameMax = 100, TagsMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public Guid? AnswerDeId { get; set; }
    public Guid? AnswerEnId { get; set; }
    public TicketState? StateAfter { get; set; }
    /// <summary>Tags separated by commas, already cleaned (lower case).</summary>
    public string? Tags { get; set; }
    public MacroAssignee Assignee { get; set; }
    public Guid? AssigneeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public IEnumerable<string> TagList => (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class SupportMacroConfiguration : IEntityTypeConfiguration<SupportMacro>
{
    public void Configure(EntityTypeBuilder<SupportMacro> builder)
    {
        builder.ToTable("support_macros");
        builder.Property(m => m.Name).HasMaxLength(SupportMacro.NameMax);
        builder.Property(m => m.Tags).HasMaxLength(SupportMacro.TagsMax);
        builder.Ignore(m => m.TagList);
        builder.HasIndex(m => m.Name).IsUnique();
    }
}
