using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Members;

internal enum CustomFieldKind { Text = 0, Number = 1, Date = 2, Choice = 3 }

/// <summary>A field the owner adds to every member ("Shirt size", "Joined the club in"), of one kind.</summary>
internal sealed class CustomField
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public CustomFieldKind Kind { get; set; }
    /// <summary>For a choice: the options, one per line.</summary>
    public string? Options { get; set; }

    public IReadOnlyList<string> OptionList => (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class CustomFieldConfiguration : IEntityTypeConfiguration<CustomField>
{
    public void Configure(EntityTypeBuilder<CustomField> builder)
    {
        builder.ToTable("member_custom_fields");
        builder.Property(f => f.Name).HasMaxLength(100);
        builder.Property(f => f.Options).HasMaxLength(4000);
        builder.Ignore(f => f.OptionList);
        builder.HasIndex(f => f.Name).IsUnique();
    }
}

/// <summary>
/// A member's value of a custom field, stored as text in a form that compares and sorts the same on both
/// engines: numbers with a point, dates as yyyy-MM-dd, choices as the option's text.
/// </summary>
internal sealed class CustomFieldValue
{
    public Guid MemberId { get; set; }
    public Guid FieldId { get; set; }
    public required string Value { get; set; }
}

internal sealed class CustomFieldValueConfiguration : IEntityTypeConfiguration<CustomFieldValue>
{
    public void Configure(EntityTypeBuilder<CustomFieldValue> builder)
    {
        builder.ToTable("member_custom_values");
        builder.HasKey(v => new { v.MemberId, v.FieldId });
        builder.Property(v => v.Value).HasMaxLength(1000).IsPersonalData();
        builder.HasPersonalDataOwner(nameof(CustomFieldValue.MemberId));
        // The list filters by field and value; with the member in the index the filter never reads the table.
        builder.HasIndex(v => new { v.FieldId, v.Value, v.MemberId });
    }
}
