using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RightHand.Tests.Infrastructure;

/// <summary>What a finished child process left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs external tools (initdb, pg_ctl, createdb, ...) to completion. Arguments go through
/// <see cref="ProcessStartInfo.ArgumentList"/>, never a joined string, so paths need no quoting.
/// </summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = args.ToList();
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            // A tool that unexpectedly prompts must see end-of-input, not hang on the test run's stdin.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start {Describe(file, arguments)}.");
        process.StandardInput.Close();

        // Read both pipes at once: a child blocked on a full stderr pipe would never exit.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        var limit = timeout ?? DefaultTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            // The pipes stay open while a grandchild holds them, so this wait needs the limit too.
            await Task.WhenAll(stdout, stderr).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(file, arguments)} did not finish within {limit}.");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A command line for error messages (not for execution).</summary>
    public static string Describe(string file, IEnumerable<string> args) =>
        string.Join(' ', args.Prepend(file));

    /// <summary>
    /// A TCP port that was free a moment ago. Another process may take it before the caller binds
    /// it, so callers retry with a fresh port when the bind fails.
    /// </summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
