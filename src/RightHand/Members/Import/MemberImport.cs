using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Members.Import;

/// <summary>Which column finds the member a row updates: the member number, or the e-mail address.</summary>
internal enum ImportKey { Number = 0, Email = 1 }

/// <summary>"All or nothing" writes only when every row is good; "good rows" writes those and reports the others.</summary>
internal enum ImportMode { GoodRows = 0, AllOrNothing = 1 }

internal enum ImportState { Uploaded = 0, Checking = 1, Checked = 2, Importing = 3, Done = 4, Failed = 5 }

/// <summary>
/// One uploaded member file and what became of it: the mapping of its columns, the last dry run, and the
/// import's counts. <see cref="LastCommittedRow"/> is saved in the same transaction as each chunk of rows, so an
/// import that crashed continues after it and never writes a row twice.
/// </summary>
internal sealed class MemberImport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string SourceName { get; set; }
    public required string FileName { get; set; }
    /// <summary>SHA-256 of the file, hex: the name it is stored under, and the proof that a resumed import reads the same bytes.</summary>
    public required string FileSha256 { get; set; }
    public long FileSize { get; set; }
    /// <summary>The file's header row as JSON (a list of names), for the mapping form.</summary>
    public string Header { get; set; } = "[]";
    /// <summary>The field each column goes to, as JSON (a list parallel to the header; "ignore", a field key or "custom:Name").</summary>
    public string Columns { get; set; } = "[]";
    public ImportKey Key { get; set; }
    public ImportMode Mode { get; set; }
    public ImportState State { get; set; }
    /// <summary>The language of the person who started it: the job reports problems in it.</summary>
    public string Culture { get; set; } = "de";
    public Guid? StartedBy { get; set; }
    /// <summary>The background job of the current or last run, for its progress.</summary>
    public Guid? JobId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Rows the last dry run read and rejected; null until one ran with the current mapping and key.</summary>
    public int? CheckedRows { get; set; }
    public int? CheckedBadRows { get; set; }
    public int LastCommittedRow { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }
    /// <summary>Problems found by the last dry run or import, including those beyond the stored ones.</summary>
    public int ProblemCount { get; set; }
    public string? Error { get; set; }
    public DateTime? FinishedAt { get; set; }
}

internal sealed class MemberImportConfiguration : IEntityTypeConfiguration<MemberImport>
{
    public void Configure(EntityTypeBuilder<MemberImport> builder)
    {
        builder.ToTable("member_imports");
        // Counters change with every chunk; the import audits what it writes itself (one entry per chunk).
        builder.IsNotAudited();
        builder.Property(i => i.SourceName).HasMaxLength(100);
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.FileSha256).HasMaxLength(64);
        builder.Property(i => i.Culture).HasMaxLength(10);
        builder.Property(i => i.Error).HasMaxLength(4000);
        builder.HasIndex(i => i.CreatedAt);
    }
}

/// <summary>A bad row of a dry run or import: the spreadsheet row, the field (an import key, or empty for the whole row) and why.</summary>
internal sealed class MemberImportProblem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ImportId { get; set; }
    public int Row { get; set; }
    public required string Field { get; set; }
    public required string Message { get; set; }
}

internal sealed class MemberImportProblemConfiguration : IEntityTypeConfiguration<MemberImportProblem>
{
    public void Configure(EntityTypeBuilder<MemberImportProblem> builder)
    {
        builder.ToTable("member_import_problems");
        builder.IsNotAudited();
        builder.Property(p => p.Field).HasMaxLength(120);
        builder.Property(p => p.Message).HasMaxLength(1000);
        builder.HasIndex(p => new { p.ImportId, p.Row });
    }
}

/// <summary>The mapping last used for a source ("Shopify", "old Excel"): header name to field, so the next file from there maps itself.</summary>
internal sealed class MemberImportMapping
{
    public required string SourceName { get; set; }
    public required string Mapping { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class MemberImportMappingConfiguration : IEntityTypeConfiguration<MemberImportMapping>
{
    public void Configure(EntityTypeBuilder<MemberImportMapping> builder)
    {
        builder.ToTable("member_import_mappings");
        builder.HasKey(m => m.SourceName);
        builder.Property(m => m.SourceName).HasMaxLength(100);
        builder.Property(m => m.Mapping).HasMaxLength(20000);
    }
}
