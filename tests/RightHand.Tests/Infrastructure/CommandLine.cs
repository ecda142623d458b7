using Xunit;
using System.Text;
using RightHand.Platform.Cli;

namespace RightHand.Tests.Infrastructure;

/// <summary>
/// Tests that run the command line in-process share the process's console, so they never run in
/// parallel with each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CommandLineGroup
{
    public const string Name = "command line";
}

public static class CommandLine
{
    /// <summary>Runs <c>righthand</c> with <paramref name="args"/> against the app's database and returns its exit code and standard output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TestApp app, params string[] args)
    {
        var target = new List<string>(args) { "--data-dir", app.DataDirectory };
        if (app.PostgresConnectionString() is { } cs) target.AddRange(["--database", cs]);
        var output = new StringBuilder();
        var previous = Console.Out;
        await using var writer = new StringWriter(output, System.Globalization.CultureInfo.InvariantCulture);
        Console.SetOut(writer);
        try
        {
            var code = await Cli.RunAsync([.. target]);
            return (code, output.ToString());
        }
        finally { Console.SetOut(previous); }
    }
}
