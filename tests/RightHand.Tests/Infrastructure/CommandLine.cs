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

    /// <summary>Runs the command line with Console.Out/Error captured, in English (error messages are translated).</summary>
    public static async Task<(int Code, string Output, string Error)> RunCapturedAsync(params string[] args)
    {
        var (previousOut, previousError, previousUi) = (Console.Out, Console.Error, System.Globalization.CultureInfo.CurrentUICulture);
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var error = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        // Synchronized: the app's console logger writes from its own thread.
        Console.SetOut(TextWriter.Synchronized(output));
        Console.SetError(TextWriter.Synchronized(error));
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        try
        {
            var code = await Cli.RunAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
            System.Globalization.CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
