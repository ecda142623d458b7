using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace RightHand.Platform.Localization;

/// <summary>
/// The texts' localizers, each keeping what it looked up per culture. ResourceManager takes a lock on every lookup; a
/// ticket page asks for a few hundred texts, and under 32 concurrent requests the threads queued on that lock
/// (bench/RESULTS.md §8). The texts are compiled into the assembly, so a looked-up text never changes.
/// </summary>
internal sealed class KeptTextsFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory resources = new(options, loggers);
    private readonly ConcurrentDictionary<Type, IStringLocalizer> byType = new();
    private readonly ConcurrentDictionary<(string, string), IStringLocalizer> byName = new();

    public IStringLocalizer Create(Type resourceSource) => byType.GetOrAdd(resourceSource, t => new KeptTexts(resources.Create(t)));

    public IStringLocalizer Create(string baseName, string location) => byName.GetOrAdd((baseName, location), k => new KeptTexts(resources.Create(k.Item1, k.Item2)));
}

/// <summary>One localizer's texts by culture and name; formatted with the arguments as ResourceManagerStringLocalizer formats them.</summary>
internal sealed class KeptTexts(IStringLocalizer resources) : IStringLocalizer
{
    /// <summary>Names are the code's own texts, a few thousand; the bound only guards against a name built from data.</summary>
    private const int MaxKept = 50_000;
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> kept = new();

    public LocalizedString this[string name]
    {
        get
        {
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (kept.TryGetValue(key, out var text)) return text;
            text = resources[name];
            if (kept.Count < MaxKept) kept.TryAdd(key, text);
            return text;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);
}
