using System.Globalization;
using Microsoft.Extensions.Localization;

namespace RightHand.Tests.Infrastructure;

/// <summary>English as written in the code: the keys are the English texts, so unit tests read them without resources.</summary>
public sealed class PassThroughLocalizer : IStringLocalizer
{
    public LocalizedString this[string name] => new(name, name);

    public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
