using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using RightHand.Audit;

namespace RightHand.Support.Search;

/// <summary>
/// PostgreSQL's full-text columns: a generated tsvector on each ticket (its subject) and each message (its text), German
/// and English stemming together, with GIN indexes (migration 0021). In the model on PostgreSQL only, so that the schema
/// check sees them; SQLite's FTS5 table is a virtual table the model cannot describe and lives in the migration alone.
/// </summary>
internal static class TicketSearchIndexes
{
    public const string Column = "Search";

    public static void ApplyPostgres(ModelBuilder modelBuilder)
    {
        Vector(modelBuilder.Entity<Ticket>(), "subject", "ix_tickets_search");
        Vector(modelBuilder.Entity<TicketMessage>(), "body", "ix_ticket_messages_search");
        // The open-tickets index carries the subject's words too (migration 0035), so that a search picks a page's ids from
        // that index alone (TicketFilter.PageOf).
        var open = modelBuilder.Entity<Ticket>().HasIndex(t => new { t.LastActivityAt, t.Number }, "ix_tickets_open_last_activity_at_number");
        open.IncludeProperties([.. open.Metadata.GetIncludeProperties() ?? [], Column]);
    }

    private static void Vector<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> entity, string source, string index) where T : class
    {
        // Never written and never read back after a save: the database computes it, and only queries use it. Not audited:
        // its lexemes are the subject's or message's words, which the trail keeps sealed in the text itself.
        entity.Property<NpgsqlTsVector>(Column)
            .IsNotAudited()
            .HasComputedColumnSql($"to_tsvector('german'::regconfig, {source}::text) || to_tsvector('english'::regconfig, {source}::text)", stored: true)
            .ValueGeneratedNever()
            .Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        entity.Property<NpgsqlTsVector>(Column).Metadata.SetBeforeSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        entity.HasIndex(Column).HasDatabaseName(index).HasMethod("gin");
    }
}
