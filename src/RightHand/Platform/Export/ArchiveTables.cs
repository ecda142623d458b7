using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using RightHand.Platform.Database;

namespace RightHand.Platform.Export;

/// <summary>A column of an exported table: its name, the type the database stores, and EF's mapping for writing it back.</summary>
internal sealed record ArchiveColumn(string Name, Type StoredType, IProperty Property)
{
    /// <summary>Turns a value of <see cref="StoredType"/> into a parameter the way EF itself writes this column on this engine.</summary>
    public void AddParameter(System.Data.Common.DbCommand command, string name, object? stored)
    {
        var mapping = Property.GetRelationalTypeMapping();
        var modelValue = stored is null || mapping.Converter is null ? stored : mapping.Converter.ConvertFromProvider(stored);
        command.Parameters.Add(mapping.CreateParameter(command, name, modelValue, nullable: true));
    }
}

/// <summary>A table of the archive, with its columns in model order and its primary key.</summary>
internal sealed record ArchiveTable(string Name, IReadOnlyList<ArchiveColumn> Columns, IReadOnlyList<string> Key)
{
    public string FileName => $"tables/{Name}.jsonl";
}

/// <summary>
/// Every table of the EF model, so a module's new table is exported and restored without anyone
/// listing it here. Ordered so that a table comes after the tables its foreign keys point to
/// (insert in this order, delete in reverse). <c>schema_migrations</c> is not in the model: it
/// belongs to the instance, not to the company's data.
/// </summary>
internal static class ArchiveTables
{
    public static IReadOnlyList<ArchiveTable> Of(AppDb db)
    {
        var byTable = db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && e.GetViewName() is null)
            .GroupBy(e => e.GetTableName()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var ordered = new List<string>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string table)
        {
            if (ordered.Contains(table) || !visiting.Add(table)) return; // a cycle is left to the key order
            foreach (var fk in byTable[table].SelectMany(e => e.GetForeignKeys()))
                if (fk.PrincipalEntityType.GetTableName() is { } principal && principal != table && byTable.ContainsKey(principal)) Visit(principal);
            ordered.Add(table);
        }
        foreach (var table in byTable.Keys.Order(StringComparer.Ordinal)) Visit(table);

        return ordered.Select(table =>
        {
            var entities = byTable[table];
            var store = StoreObjectIdentifier.Table(table, entities[0].GetSchema());
            // Generated columns (the tickets' full-text vectors, on PostgreSQL only) are the database's own: not exported, rebuilt on import.
            var columns = entities.SelectMany(e => e.GetProperties()).Where(p => p.GetComputedColumnSql() is null)
                .Select(p => (Property: p, Name: p.GetColumnName(store)))
                .Where(p => p.Name is not null)
                .DistinctBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new ArchiveColumn(p.Name!, StoredTypeOf(p.Property), p.Property))
                .ToList();
            var key = entities[0].FindPrimaryKey()?.Properties.Select(p => p.GetColumnName(store)!).ToList()
                ?? throw new InvalidOperationException($"Table {table} has no primary key; an export needs a stable row order.");
            return new ArchiveTable(table, columns, key);
        }).ToList();
    }

    private static Type StoredType(Type t) => Nullable.GetUnderlyingType(t) ?? t;

    private static Type StoredTypeOf(IProperty property)
    {
        var mapping = property.GetRelationalTypeMapping();
        return StoredType(mapping.Converter?.ProviderClrType ?? mapping.ClrType);
    }
}
