using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Access;

/// <summary>
/// A bearer token for the API (the platform's IT, automation on the server). The secret is shown
/// once; only its SHA-256 is stored. A token acts with its role's permissions, narrowed to its scopes,
/// and dies with its person's access.
/// </summary>
internal sealed class ApiToken
{
    public const string Prefix = "rh_";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Role { get; set; }
    /// <summary>Permissions separated by spaces; empty means all of the role's permissions.</summary>
    public string Scopes { get; set; } = "";
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the secret, so a person can tell their tokens apart.</summary>
    public required string Hint { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Grants(string permission) =>
        Permissions.RoleHas(Role, permission) && (Scopes.Length == 0 || ScopeList.Contains(permission, StringComparer.Ordinal));

    public static (string Secret, string Hash, string Hint) NewSecret()
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, HashOf(secret), secret[..10]);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Role).HasMaxLength(20);
        builder.Property(t => t.Scopes).HasMaxLength(2000);
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsAuditSecret();
        builder.Property(t => t.Hint).HasMaxLength(16);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.LastUsedAt).IsNotAudited();
    }
}
