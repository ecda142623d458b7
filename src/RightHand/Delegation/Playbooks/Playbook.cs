using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Delegation.Playbooks;

/// <summary>
/// A how-to for recurring work, in German and/or English. The playbook holds the current titles (for the
/// list and search); every edit is a new <see cref="PlaybookVersion"/>, so earlier versions stay readable.
/// </summary>
internal sealed class Playbook
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TitleDe { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public int CurrentVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The title in the reader's language, else the other one.</summary>
    public string TitleIn(string language) => PlaybookVersion.Pick(language, TitleDe, TitleEn);
}

internal sealed class PlaybookVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlaybookId { get; set; }
    public int Number { get; set; }
    public string TitleDe { get; set; } = "";
    public string BodyDe { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string BodyEn { get; set; } = "";
    public Guid AuthorId { get; set; }
    public string ChangeNote { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public string TitleIn(string language) => Pick(language, TitleDe, TitleEn);

    /// <summary>The body in the reader's language when that language was written, else the other one.</summary>
    public string BodyIn(string language) => language == "en"
        ? (TitleEn.Length > 0 ? BodyEn : BodyDe)
        : (TitleDe.Length > 0 ? BodyDe : BodyEn);

    /// <summary>Whether the reader gets the other language than theirs.</summary>
    public bool IsFallbackFor(string language) => language == "en" ? TitleEn.Length == 0 : TitleDe.Length == 0;

    /// <summary>Everything of the version as one text, for the line diff against the previous version.</summary>
    public string AsText() => $"# {TitleDe}\n{BodyDe}\n\n# {TitleEn}\n{BodyEn}";

    public static string Pick(string language, string german, string english) => language == "en"
        ? (english.Length > 0 ? english : german)
        : (german.Length > 0 ? german : english);
}

internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<Playbook>
{
    public void Configure(EntityTypeBuilder<Playbook> builder)
    {
        builder.ToTable("playbooks");
        builder.Property(p => p.TitleDe).HasMaxLength(200);
        builder.Property(p => p.TitleEn).HasMaxLength(200);
    }
}

internal sealed class PlaybookVersionConfiguration : IEntityTypeConfiguration<PlaybookVersion>
{
    public void Configure(EntityTypeBuilder<PlaybookVersion> builder)
    {
        builder.ToTable("playbook_versions");
        builder.Property(v => v.TitleDe).HasMaxLength(200);
        builder.Property(v => v.TitleEn).HasMaxLength(200);
        builder.Property(v => v.BodyDe).HasMaxLength(100_000);
        builder.Property(v => v.BodyEn).HasMaxLength(100_000);
        builder.Property(v => v.ChangeNote).HasMaxLength(500);
        builder.HasIndex(v => new { v.PlaybookId, v.Number }).IsUnique();
    }
}
