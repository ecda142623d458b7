using System.Diagnostics;
using System.Globalization;

namespace RightHand.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster from Debian's binaries on a temp folder and a free port
/// (there is no Docker/Testcontainers here). Start one per test class or collection and create
/// a fresh database per test with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string User = "rh";
    private const string Localhost = "127.0.0.1";

    private readonly string _bin;
    private readonly string _root;

    // initdb and postgres refuse to run as root (CI runs as root), so then they run as "postgres".
    private readonly bool _runAsPostgres = Environment.IsPrivilegedProcess;
    private int _disposed;

    private PostgresCluster(string bin, string root)
    {
        _bin = bin;
        _root = root;
    }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root, "pg");

    private string LogFile => Path.Combine(_root, "log");

    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = new PostgresCluster(FindBinDirectory(), Directory.CreateTempSubdirectory("righthand-pg-").FullName);
        try
        {
            await cluster.InitAndStartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host={Localhost};Port={Port};Username={User};Database={database};Pooling=true;Connection Idle Lifetime=2;Connection Pruning Interval=1");

    /// <summary>Creates an empty database (a random name unless given) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "rh_" + Guid.NewGuid().ToString("N");
        // A plain client over TCP with trust auth: works as any OS user, root included.
        await RunCheckedAsync(
            Path.Combine(_bin, "createdb"),
            ["-h", Localhost, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, name]);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // postmaster.pid exists exactly while a server runs on the folder (also after a half-failed start).
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            // "immediate" skips the shutdown checkpoint: the data is thrown away anyway.
            await RunAsServerUserCheckedAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }

        Directory.Delete(_root, recursive: true);
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("RIGHTHAND_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new InvalidOperationException($"RIGHTHAND_PG_BIN={configured} has no initdb.");
        }

        // Debian installs each major version side by side: /usr/lib/postgresql/15/bin, ...
        const string debianRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.Version >= 0 && File.Exists(Path.Combine(x.Dir, "bin", "initdb")))
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Dir, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "PostgreSQL not found under /usr/lib/postgresql: run ./test.sh once, it installs it (or set RIGHTHAND_PG_BIN).");
    }

    private async Task InitAndStartAsync()
    {
        if (_runAsPostgres)
        {
            // The server user must own the data folder, the socket folder (-k) and the log.
            await RunCheckedAsync("chown", ["-R", "postgres:postgres", _root]);
        }

        // C.UTF-8 keeps the cluster independent of the machine's LANG, while lower()/ILIKE still
        // handle umlauts (plain "C" would not); sorting is by code point.
        await RunAsServerUserCheckedAsync(
            "initdb", ["-D", DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);

        for (var attempt = 1; ; attempt++)
        {
            Port = ProcessRunner.FreeTcpPort();
            // Durability settings off: a test cluster never survives a crash, and fsync dominates run time.
            var options = string.Create(
                CultureInfo.InvariantCulture,
                $"-p {Port} -k {_root} -c listen_addresses={Localhost} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400");
            string[] args = ["-D", DataDirectory, "-o", options, "-l", LogFile, "-w", "start"];
            var result = await RunAsServerUserAsync("pg_ctl", args);
            if (result.Succeeded)
            {
                StartWatchdog();
                return;
            }

            // Another process may have taken the port since we probed it: try a fresh one.
            if (attempt < 3 && ReadLog().Contains("could not bind", StringComparison.Ordinal))
            {
                continue;
            }

            throw Failure(ProcessRunner.Describe(Path.Combine(_bin, "pg_ctl"), args), result);
        }
    }

    /// <summary>
    /// Stops the cluster and removes its folder once this test process is gone. <see cref="TestApp"/>'s ProcessExit handler
    /// does that too, but the test runner kills its host soon after the last test, often before the handler is through,
    /// which left one running cluster per test run behind on a developer's machine. Started through a shell that exits at
    /// once, so that the watchdog is in no process tree the runner kills.
    /// </summary>
    private void StartWatchdog()
    {
        var pgCtl = Path.Combine(_bin, "pg_ctl");
        var stop = (_runAsPostgres ? "runuser -u postgres -- " : "") + $"'{pgCtl}' -D '{DataDirectory}' -m immediate stop";
        var watch = string.Create(CultureInfo.InvariantCulture,
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; [ -f '{DataDirectory}/postmaster.pid' ] && {stop}; rm -rf '{_root}'");
        using var shell = Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", "setsid sh -c \"$0\" </dev/null >/dev/null 2>&1 &", watch } });
        shell?.WaitForExit();
    }

    private Task<ProcessResult> RunAsServerUserAsync(string tool, IReadOnlyList<string> args)
    {
        var program = Path.Combine(_bin, tool);
        // The temp folder as working directory: the postgres user may not be allowed into ours.
        return _runAsPostgres
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", program, .. args], workingDirectory: _root)
            : ProcessRunner.RunAsync(program, args, workingDirectory: _root);
    }

    private async Task RunAsServerUserCheckedAsync(string tool, IReadOnlyList<string> args)
    {
        var result = await RunAsServerUserAsync(tool, args);
        if (!result.Succeeded)
        {
            throw Failure(ProcessRunner.Describe(Path.Combine(_bin, tool), args), result);
        }
    }

    private async Task RunCheckedAsync(string file, IReadOnlyList<string> args)
    {
        var result = await ProcessRunner.RunAsync(file, args, workingDirectory: _root);
        if (!result.Succeeded)
        {
            throw Failure(ProcessRunner.Describe(file, args), result);
        }
    }

    private InvalidOperationException Failure(string command, ProcessResult result) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"""
            PostgreSQL test cluster: `{command}` exited with {result.ExitCode}.
            stderr:
            {result.StandardError}
            stdout:
            {result.StandardOutput}
            server log ({LogFile}):
            {ReadLog()}
            """));

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log yet)";
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }
}
