using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Database;

public sealed class MicrosecondClockTests
{
    [Fact]
    public void Now_HasNoDigitsBelowAMicrosecond_AndIsTheSystemTime()
    {
        for (var i = 0; i < 1000; i++)
            Assert.Equal(0, MicrosecondClock.Instance.GetUtcNow().UtcTicks % TimeSpan.TicksPerMicrosecond);
        Assert.InRange(MicrosecondClock.Instance.GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TheApp_UsesTheMicrosecondClock()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        Assert.Same(MicrosecondClock.Instance, app.Services.GetRequiredService<TimeProvider>());
    }
}
