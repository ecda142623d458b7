using RightHand.Audit;
using Xunit;

namespace RightHand.Tests.Audit;

/// <summary>Sealing personal values for the audit trail: only the owner's key opens them, and a lost key reads as erased.</summary>
public sealed class PersonalDataTests
{
    [Fact]
    public void SealedValue_OpensWithItsOwnersKey_ReadsAsErasedWithoutIt_AndDoesNotOpenForAnotherOwner()
    {
        var (greta, otto) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (gretasKey, ottosKey) = (PersonalData.NewKey(), PersonalData.NewKey());
        var sealedValue = PersonalData.Seal(gretasKey, greta, "Lindenweg 7");

        Assert.StartsWith($"enc:v1:{greta:N}:", sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("Lindenweg", sealedValue, StringComparison.Ordinal);
        Assert.NotEqual(sealedValue, PersonalData.Seal(gretasKey, greta, "Lindenweg 7")); // a fresh nonce each time
        Assert.Equal("Lindenweg 7", PersonalData.Reveal(sealedValue, new Dictionary<Guid, byte[]> { [greta] = gretasKey }));
        Assert.Equal(PersonalData.Erased, PersonalData.Reveal(sealedValue, new Dictionary<Guid, byte[]> { [otto] = ottosKey }));
        // Greta's sealed text copied into an entry under Otto's id, with Otto's key present, does not open.
        var moved = sealedValue.Replace(greta.ToString("N"), otto.ToString("N"), StringComparison.Ordinal);
        Assert.Equal(PersonalData.Erased, PersonalData.Reveal(moved, new Dictionary<Guid, byte[]> { [otto] = gretasKey }));
        Assert.Equal("plain", PersonalData.Reveal("plain", new Dictionary<Guid, byte[]>()));
    }
}
