using Microsoft.EntityFrameworkCore;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Database;

/// <summary>
/// The hand-written migrations and the EF model describe the same schema. Each side is built in its
/// own empty database, read back from the engine's catalogue and compared line by line, so a column
/// added to an entity without a migration (or a migration that differs in type, nullability, length,
/// key or index) fails here, on the engine where it differs.
/// </summary>
public sealed class SchemaTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Migrations_ProduceExactlyTheSchemaOfTheModel(Engine engine)
    {
        await using var migrated = await ScratchDatabase.CreateAsync(engine);
        await migrated.Migrator().MigrateAsync();
        await using var created = await ScratchDatabase.CreateAsync(engine);
        Assert.True(await created.Db.Database.EnsureCreatedAsync());

        var fromMigrations = await DescribeAsync(migrated, engine);
        var fromModel = await DescribeAsync(created, engine);

        // The description must really see the schema, or two empty lists would compare equal.
        Assert.Contains(fromModel, l => l.StartsWith("column people.normalized_email ", StringComparison.Ordinal));
        Assert.Contains(fromModel, l => l.StartsWith("index people.ix_people_normalized_email ", StringComparison.Ordinal));
        Assert.Contains(fromModel, l => l.StartsWith("fk user_sessions", StringComparison.Ordinal) || l.StartsWith("constraint user_sessions.fk_", StringComparison.Ordinal));
        var onlyInMigrations = fromMigrations.Except(fromModel, StringComparer.Ordinal).ToList();
        var onlyInModel = fromModel.Except(fromMigrations, StringComparer.Ordinal).ToList();
        Assert.True(onlyInMigrations.Count == 0 && onlyInModel.Count == 0,
            $"The {engine} migrations and the EF model differ.\nOnly in the migrations:\n  {string.Join("\n  ", onlyInMigrations)}\nOnly in the model:\n  {string.Join("\n  ", onlyInModel)}");
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Description_SeesAChangedColumn(Engine engine)
    {
        // Guards the comparison above: a drift of one column's type must show up in the description.
        await using var migrated = await ScratchDatabase.CreateAsync(engine);
        await migrated.Migrator().MigrateAsync();
        var before = await DescribeAsync(migrated, engine);
        await migrated.Db.Database.ExecuteSqlRawAsync(engine == Engine.Postgres
            ? "ALTER TABLE settings ADD COLUMN note character varying(10) NOT NULL DEFAULT ''; ALTER TABLE settings ALTER COLUMN value TYPE character varying(4001)"
            : "ALTER TABLE settings ADD COLUMN note TEXT NOT NULL DEFAULT ''");
        var after = await DescribeAsync(migrated, engine);

        var added = after.Except(before, StringComparer.Ordinal).ToList();
        Assert.Contains(added, l => l.StartsWith("column settings.note ", StringComparison.Ordinal));
        if (engine == Engine.Postgres) Assert.Contains(added, l => l.StartsWith("column settings.value character varying(4001) ", StringComparison.Ordinal));
    }

    /// <summary>Tables, columns, indexes and constraints as sorted lines, without the migrations' own bookkeeping or triggers.</summary>
    private static async Task<List<string>> DescribeAsync(ScratchDatabase database, Engine engine)
    {
        var lines = engine == Engine.Postgres ? await DescribePostgresAsync(database) : await DescribeSqliteAsync(database);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    // FTS5 tables (virtual, and their shadow tables) are left out: the model cannot describe them; the search tests cover them.
    private static async Task<List<string>> DescribeSqliteAsync(ScratchDatabase database)
    {
        const string tables = "FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name IN (SELECT name FROM pragma_table_list WHERE type = 'table') AND m.name <> 'schema_migrations'";
        var lines = new List<string>();
        foreach (var r in await database.QueryAsync("""SELECT m.name, p.name, p.type, p."notnull", p.pk, p.dflt_value FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name IN (SELECT name FROM pragma_table_list WHERE type = 'table') AND m.name <> 'schema_migrations'"""))
            lines.Add($"column {r[0]}.{r[1]} {r[2]} {(r[3] == "1" ? "not null" : "null")} pk={r[4]} default={r[5]}");
        foreach (var r in await database.QueryAsync($"SELECT m.name {tables}"))
            lines.Add($"table {r[0]}");
        var indexes = await database.QueryAsync("""
            SELECT m.name, il.name, il."unique", il.origin, ii.name
            FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name IN (SELECT name FROM pragma_table_list WHERE type = 'table') AND m.name <> 'schema_migrations'
            ORDER BY m.name, il.name, ii.seqno
            """);
        foreach (var index in indexes.GroupBy(r => (Table: r[0], Name: r[1], Unique: r[2], Origin: r[3])))
            lines.Add($"index {index.Key.Table}.{index.Key.Name} unique={index.Key.Unique} origin={index.Key.Origin} ({string.Join(", ", index.Select(r => r[4]))})");
        foreach (var r in await database.QueryAsync("""
            SELECT m.name, f."from", f."table", f."to", f.on_update, f.on_delete
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name IN (SELECT name FROM pragma_table_list WHERE type = 'table')
            """))
            lines.Add($"fk {r[0]}.{r[1]} -> {r[2]}.{r[3]} on update {r[4]} on delete {r[5]}");
        return lines;
    }

    private static async Task<List<string>> DescribePostgresAsync(ScratchDatabase database)
    {
        var lines = new List<string>();
        foreach (var r in await database.QueryAsync("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
            """))
            lines.Add($"table {r[0]}");
        foreach (var r in await database.QueryAsync("""
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
            """))
            lines.Add($"column {r[0]}.{r[1]} {r[2]}{(r[3] == "null" ? "" : $"({r[3]})")} {(r[4] == "YES" ? "null" : "not null")} default={r[5]} identity={r[6]}/{r[7]}");
        foreach (var r in await database.QueryAsync("""
            SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
            """))
            lines.Add($"index {r[0]}.{r[1]} {r[2]}");
        foreach (var r in await database.QueryAsync("""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u', 'c') AND conrelid::regclass::text <> 'schema_migrations'
            """))
            lines.Add($"constraint {r[0]}.{r[1]} {r[2]}");
        return lines;
    }
}
