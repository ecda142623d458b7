using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Platform.Database;

/// <summary>A key/value setting the owner changes at run time (configuration files hold the rest).</summary>
internal sealed class Setting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal static class SettingRows
{
    /// <summary>
    /// Sets a setting in the current unit of work, or removes it when <paramref name="value"/> is null. An unchanged value
    /// is left alone, so saving a form as it was writes nothing to the trail. The caller saves.
    /// </summary>
    public static async Task SetSettingAsync(this AppDb db, string key, string? value, DateTime now, CancellationToken ct)
    {
        var setting = await db.Settings.FindAsync([key], ct);
        if (value is null)
        {
            if (setting is not null) db.Settings.Remove(setting);
        }
        else if (setting is null) db.Settings.Add(new Setting { Key = key, Value = value, UpdatedAt = now });
        else if (setting.Value != value) (setting.Value, setting.UpdatedAt) = (value, now);
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> builder)
    {
        builder.ToTable("settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(4000);
    }
}

/// <summary>A data-protection key ring entry, kept in the database so that every instance decrypts every cookie.</summary>
internal sealed class DataProtectionKey
{
    public int Id { get; set; }
    public required string FriendlyName { get; set; }
    public required string Xml { get; set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        // The key ring holds the master keys for cookies and tokens: it must never be copied into the trail.
        builder.IsNotAudited();
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
