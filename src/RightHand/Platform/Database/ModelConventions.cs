using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RightHand.Platform.Database;

/// <summary>
/// Conventions that keep one model valid on SQLite and PostgreSQL: snake_case names (so hand-written
/// SQL reads the same on both), and every <see cref="DateTime"/> stored and read back as UTC
/// (SQLite returns <see cref="DateTimeKind.Unspecified"/>, Npgsql refuses anything but UTC).
/// </summary>
internal static class ModelConventions
{
    private static readonly ValueConverter<DateTime, DateTime> Utc =
        new(v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static readonly ValueConverter<DateTime?, DateTime?> NullableUtc =
        new(v => v.HasValue ? v.Value.ToUniversalTime() : v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName() ?? entity.ClrType.Name));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                if (property.ClrType == typeof(DateTime)) property.SetValueConverter(Utc);
                else if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(NullableUtc);
            }
            foreach (var key in entity.GetKeys()) key.SetName(SnakeCase(key.GetName() ?? "pk"));
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(SnakeCase(index.GetDatabaseName() ?? "ix"));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(SnakeCase(fk.GetConstraintName() ?? "fk"));
        }
    }

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
