using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RightHand.Platform.Localization;
using Xunit;

namespace RightHand.Tests.Localization;

/// <summary>Kept texts answer per culture, as ResourceManager does: one process serves German and English at once.</summary>
public sealed class KeptTextsTests
{
    [Fact]
    public void KeptTexts_FollowTheCurrentCulture_AndFormatArgumentsInIt()
    {
        var factory = new KeptTextsFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var l = factory.Create(typeof(Texts));
        Assert.Same(l, factory.Create(typeof(Texts)));
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            string[] Read(CultureInfo c)
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = c;
                return [l["Conversation"].Value, l["opened {0}", 1234.5m].Value, l["A text nobody translated"].Value];
            }
            // Twice each, interleaved: the second read comes from what was kept.
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(["Verlauf", "eröffnet 1234,5", "A text nobody translated"], Read(Cultures.German));
                Assert.Equal(["Conversation", "opened 1234.5", "A text nobody translated"], Read(Cultures.English));
            }
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Cultures.German;
            Assert.True(l["A text nobody translated"].ResourceNotFound);
            Assert.False(l["Conversation"].ResourceNotFound);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
