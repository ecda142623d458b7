using Microsoft.EntityFrameworkCore;

namespace RightHand.Members;

/// <summary>
/// PostgreSQL indexes for the member list's search at a million members. A name matches anywhere, which a B-tree
/// cannot serve: a trigram index (pg_trgm) can. Numbers and e-mail addresses match from their start; the pattern
/// operator classes let a B-tree serve LIKE 'x%' whatever the database's collation. SQLite has neither and reads
/// the table, which is fine at the sizes one SQLite instance serves.
/// </summary>
internal static class MemberSearchIndexes
{
    public static void ApplyPostgres(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        var members = modelBuilder.Entity<Member>();
        members.HasIndex(m => m.NameKey, "ix_members_name_key_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        members.HasIndex(m => m.Number, "ix_members_number_pattern").HasOperators("varchar_pattern_ops");
        members.HasIndex(m => m.EmailKey, "ix_members_email_key_pattern").HasOperators("varchar_pattern_ops");
    }
}
