using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Audit;

/// <summary>
/// Personal values in the audit trail are sealed with AES-GCM under a key of the person they belong to
/// (<see cref="Members.Privacy.MemberKey"/>). The chain hashes the sealed text, so destroying the key on
/// erasure makes the old values unreadable while every hash stays valid.
/// Sealed form: <c>enc:v1:&lt;owner id, 32 hex&gt;:&lt;base64 of nonce, ciphertext and tag&gt;</c>; the owner id
/// tells a reader which key to use.
/// </summary>
internal static class PersonalData
{
    public const string PropertyAnnotation = "RightHand:PersonalData";
    /// <summary>On an entity type: the name of the property that holds the id of the person its personal values belong to.</summary>
    public const string OwnerAnnotation = "RightHand:PersonalDataOwner";
    /// <summary>What a reader shows in place of a value whose key was destroyed.</summary>
    public const string Erased = "(erased)";
    private const string Prefix = "enc:v1:";
    private const int NonceSize = 12, TagSize = 16;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static string Seal(byte[] key, Guid owner, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        // The owner id is authenticated with the value: a sealed value copied to another person's entry does not open.
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), owner.ToByteArray());
        return $"{Prefix}{owner:N}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The owner of a sealed value, or null when the value is plain.</summary>
    public static Guid? OwnerOf(string? value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length > Prefix.Length + 33
        && Guid.TryParseExact(value.AsSpan(Prefix.Length, 32), "N", out var owner) ? owner : null;

    /// <summary>A value as people may read it: plain values as they are, sealed ones opened with their owner's key or <see cref="Erased"/>.</summary>
    public static string? Reveal(string? value, IReadOnlyDictionary<Guid, byte[]> keys)
    {
        if (OwnerOf(value) is not { } owner) return value;
        if (!keys.TryGetValue(owner, out var key)) return Erased;
        try
        {
            var sealedBytes = Convert.FromBase64String(value![(Prefix.Length + 33)..]);
            var length = sealedBytes.Length - NonceSize - TagSize;
            var plain = new byte[length];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, owner.ToByteArray());
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return Erased;
        }
    }

    /// <summary>A short stand-in for a personal value inside an entry's id (a tag in a tag's key): the same value gives the same stand-in while the key lives.</summary>
    public static string Fingerprint(byte[] key, string value) =>
        "#" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));
}

internal static class PersonalDataModelExtensions
{
    /// <summary>The field holds personal data: the audit trail keeps its values sealed under the owner's key (see <see cref="PersonalData"/>).</summary>
    public static PropertyBuilder<T> IsPersonalData<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(PersonalData.PropertyAnnotation, true);

    /// <summary>Names the property holding the id of the person the entity's personal fields belong to (null: nobody's, values stay plain).</summary>
    public static EntityTypeBuilder<T> HasPersonalDataOwner<T>(this EntityTypeBuilder<T> entity, string ownerProperty) where T : class =>
        entity.HasAnnotation(PersonalData.OwnerAnnotation, ownerProperty);
}
