using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RightHand.Tests.Infrastructure;

/// <summary>
/// Postfix's smtp-sink on 127.0.0.1 and a free port: a real SMTP server that accepts everything
/// and keeps each mail transaction as one file (<c>-d "DIR/%M."</c>).
/// </summary>
/// <remarks>
/// Dump file format (checked with smtp-sink 3.7.11 from Debian 12): LF line endings (the CRLFs
/// are gone), dot-stuffing already undone, and nothing re-encoded. First the sink's own headers,
/// then the message exactly as sent, then one empty line:
/// <code>
/// X-Client-Addr: 127.0.0.1
/// X-Client-Proto: ESMTP
/// X-Helo-Args: client.example            (only if the client sent HELO/EHLO)
/// X-Mail-Args: &lt;a@x&gt; [MAIL FROM parameters, e.g. BODY=8BITMIME]
/// X-Rcpt-Args: &lt;b@y&gt;                     (one line per RCPT TO, in order)
/// Received: from client.example ([127.0.0.1])
///         by smtp-sink (smtp-sink) with ESMTP id 02db673e;
///         Sun, 22 Nov 2026 07:10:31 +0000 (UTC)
/// From: a@x                              (the message's own headers and body from here)
/// ...
/// </code>
/// The file is created empty at MAIL FROM and held open until the final ".", so a file is only
/// read once the sink has closed it.
/// </remarks>
public sealed class SmtpSink : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly string _dumpDirectory;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private SmtpSink(Process process, string dumpDirectory, int port)
    {
        _process = process;
        _dumpDirectory = dumpDirectory;
        Port = port;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var (executable, libraries) = Locate();
        var dumpDirectory = Directory.CreateTempSubdirectory("righthand-smtp-").FullName;
        // As root, smtp-sink switches to "nobody" before it writes any dump, so nobody must be able to write here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dumpDirectory, (UnixFileMode)0b111_111_111);
        }

        // The free port may be taken before smtp-sink binds it; then it exits and we try another.
        for (var attempt = 1; ; attempt++)
        {
            var sink = Launch(executable, libraries, dumpDirectory, ProcessRunner.FreeTcpPort());
            try
            {
                await sink.WaitUntilReadyAsync();
                return sink;
            }
            catch (InvalidOperationException) when (attempt < 3 && sink._process.HasExited)
            {
                await sink.StopAsync();
            }
            catch
            {
                await sink.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> complete messages have arrived and returns the
    /// raw text of all of them (format above), oldest first.
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        while (true)
        {
            var complete = CompleteDumps(lastSizes);
            if (complete.Count >= count)
            {
                var messages = new List<string>(complete.Count);
                foreach (var file in complete)
                {
                    messages.Add(await File.ReadAllTextAsync(file.FullName));
                }

                return messages;
            }

            if (_process.HasExited || stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Expected {count} mail(s) at smtp-sink within {timeout}, got {complete.Count}{(_process.HasExited ? " (smtp-sink has exited)" : "")}. smtp-sink output: {Output()}"));
            }

            await Task.Delay(PollInterval);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync();
        Directory.Delete(_dumpDirectory, recursive: true);
    }

    private static (string Executable, string Libraries) Locate()
    {
        var executable = Environment.GetEnvironmentVariable("RIGHTHAND_SMTP_SINK");
        if (string.IsNullOrEmpty(executable))
        {
            // Where test.sh unpacks the postfix .deb (installing postfix proper would want configuring).
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            executable = Path.Combine(cache, "righthand", "postfix", "usr", "sbin", "smtp-sink");
        }

        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"smtp-sink not found: run ./test.sh once, it installs it (looked at {executable}).");
        }

        // The unpacked binary links Postfix's private libraries from <root>/usr/lib/postfix.
        var libraries = Environment.GetEnvironmentVariable("RIGHTHAND_SMTP_SINK_LIBS");
        if (string.IsNullOrEmpty(libraries))
        {
            libraries = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(executable)!, "..", "lib", "postfix"));
        }

        return (executable, libraries);
    }

    private static SmtpSink Launch(string executable, string libraries, string dumpDirectory, int port)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["LD_LIBRARY_PATH"] = libraries;
        if (Environment.IsPrivilegedProcess)
        {
            info.ArgumentList.Add("-u"); // smtp-sink refuses to keep running as root
            info.ArgumentList.Add("nobody");
        }

        // strftime template plus a random hex suffix per transaction, e.g. "DIR/10.02db673e".
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add(Path.Combine(dumpDirectory, "%M."));
        info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"));
        info.ArgumentList.Add("100"); // listen backlog, enough for parallel senders

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.StandardInput.Close();
        var sink = new SmtpSink(process, dumpDirectory, port);
        process.OutputDataReceived += (_, e) => sink.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sink.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sink;
    }

    private async Task WaitUntilReadyAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout && !_process.HasExited)
        {
            // Check the greeting, not just the connect: another program may own the port if our bind failed.
            if (await GreetingAsync() is { } greeting && greeting.StartsWith("220 ", StringComparison.Ordinal)
                && greeting.Contains("smtp-sink", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(PollInterval);
        }

        throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture,
            $"smtp-sink did not accept connections on {Host}:{Port} within {StartTimeout}{(_process.HasExited ? " (it exited)" : "")}. Output: {Output()}"));
    }

    private async Task<string?> GreetingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(Host, Port, cts.Token);
            var buffer = new byte[512];
            var read = await client.GetStream().ReadAsync(buffer, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Dump files the sink has finished with, oldest first.</summary>
    private List<FileInfo> CompleteDumps(Dictionary<string, long> lastSizes)
    {
        var open = FilesHeldOpen();
        var complete = new List<FileInfo>();
        foreach (var file in new DirectoryInfo(_dumpDirectory).EnumerateFiles())
        {
            // Closed by the sink (when /proc tells us) and not grown since the previous poll.
            var stable = lastSizes.TryGetValue(file.FullName, out var previous) && previous == file.Length;
            lastSizes[file.FullName] = file.Length;
            if (stable && (open is null || !open.Contains(file.Name)))
            {
                complete.Add(file);
            }
        }

        return complete.OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Names of the files smtp-sink has open, or null when /proc cannot tell.</summary>
    private HashSet<string>? FilesHeldOpen()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(
                string.Create(CultureInfo.InvariantCulture, $"/proc/{_process.Id}/fd")))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget is { } target)
                    {
                        names.Add(Path.GetFileName(target));
                    }
                }
                catch (IOException)
                {
                    // The descriptor closed while we looked: that file is done.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return names;
    }

    private async Task StopAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.Length == 0 ? "(none)" : _output.ToString();
        }
    }
}
