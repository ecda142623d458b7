using RightHand.Delegation;
using Xunit;

namespace RightHand.Tests.Delegation;

public sealed class TextDiffTests
{
    [Fact]
    public void ChangedLine_ShowsAsRemovedThenAdded_BetweenUnchangedLines()
    {
        var diff = TextDiff.Lines("Hallo\nam 5. Juli\nTschüss", "Hallo\nam 12. Juli\nTschüss\nPS: Anmeldung bis 1. Juli");
        Assert.Equal(
            [(TextDiff.Kind.Same, "Hallo"), (TextDiff.Kind.Removed, "am 5. Juli"), (TextDiff.Kind.Added, "am 12. Juli"),
             (TextDiff.Kind.Same, "Tschüss"), (TextDiff.Kind.Added, "PS: Anmeldung bis 1. Juli")],
            diff.Select(l => (l.Kind, l.Text)));
    }

    [Fact]
    public void SameText_WithOtherLineEnds_HasNoChanges()
    {
        Assert.All(TextDiff.Lines("a\r\nb", "a\nb"), l => Assert.Equal(TextDiff.Kind.Same, l.Kind));
    }
}
