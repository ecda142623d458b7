using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Audit;
using RightHand.Platform.Demo;
using RightHand.Platform.Database;
using RightHand.Platform.Export;
using RightHand.Platform.Web;

namespace RightHand.Platform.Cli;

/// <summary>
/// The <c>righthand</c> command line. <c>serve</c> is the default; every other command runs against the
/// same configuration and database as the server, after bringing the schema up to date.
/// </summary>
internal static class Cli
{
    private static readonly Option<string?> Database = new("--database") { Description = "PostgreSQL connection string (default: SQLite in the data folder)", Recursive = true };
    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "Data folder for SQLite (default: ./data or RIGHTHAND_DATA_DIR)", Recursive = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("RightHand: the back office the founder shares with a virtual assistant.") { Database, DataDir };
        root.TreatUnmatchedTokensAsErrors = false;
        var serve = new Command("serve", "Run the web app (default; http://localhost:5080)") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((parse, ct) => ServeAsync(parse, ct));
        root.SetAction(async (parse, ct) =>
        {
            // Unmatched options go on to the web host (--urls …); a bare word is a mistyped command, which
            // must not quietly migrate the database and start a server instead.
            if (parse.UnmatchedTokens is [var word, ..] && !word.StartsWith('-'))
            {
                await Console.Error.WriteLineAsync($"Unknown command '{word}'. See 'righthand --help'.");
                return 1;
            }
            return await ServeAsync(parse, ct);
        });
        root.Add(serve);

        var migrate = new Command("migrate", "Apply pending database migrations and exit");
        migrate.SetAction((parse, ct) => WithApp(parse, async (services, _) =>
        {
            Console.WriteLine($"database: {services.GetRequiredService<DatabaseSettings>().Describe()}");
            Console.WriteLine("schema is up to date");
            return 0;
        }, ct));
        root.Add(migrate);

        root.Add(TokenCommands());
        root.Add(AuditCommands());
        root.Add(DemoCommands());
        root.Add(ExportCommand());
        root.Add(ImportCommand());
        root.Add(MailCommands());
        root.Add(SchemaScriptCommand());
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> ServeAsync(ParseResult parse, CancellationToken ct)
    {
        var app = WebHost.Build(WebHost.CreateBuilder(ForwardedArgs(parse), Overrides(parse)));
        await WebHost.MigrateAsync(app.Services, ct);
        await app.RunAsync();
        return 0;
    }

    private static Command TokenCommands()
    {
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. 'deploy script'", Required = true };
        var role = new Option<string>("--role") { Description = "Owner, Assistant, IT, Accountant", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "Limit to these permissions (repeatable); default: all of the role's", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "Create an API token and print it (shown only once)") { name, role, scopes };
        create.SetAction((parse, ct) => WithApp(parse, async (services, token) =>
        {
            var operations = services.GetRequiredService<AccessOperations>();
            var (result, secret) = await operations.CreateTokenAsync(parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(scopes) ?? [], null, null, token);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors));
                return 2;
            }
            Console.WriteLine(secret);
            return 0;
        }, ct));
        return new Command("tokens", "API tokens for automation") { create };
    }

    private static Command AuditCommands()
    {
        var verify = new Command("verify", "Check the audit trail's hash chain");
        verify.SetAction((parse, ct) => WithApp(parse, async (services, token) =>
        {
            var result = await AuditChain.Verify(services.GetRequiredService<AppDb>(), token);
            if (result.Intact)
            {
                Console.WriteLine($"audit trail intact: {result.Entries} entries");
                return 0;
            }
            Console.WriteLine($"audit trail broken at entry {result.BrokenSeq}: {result.Reason} ({result.Entries} entries before it are intact)");
            return 1;
        }, ct));
        return new Command("audit", "The audit trail") { verify };
    }

    private static Command DemoCommands()
    {
        var load = new Command("load", "Fill an empty instance with believable demo data");
        load.SetAction((parse, ct) => WithApp(parse, async (services, token) =>
        {
            // On a fresh instance the demo brings its owner, whose password is shown once, like a new API token.
            var hasOwner = await services.GetRequiredService<AppDb>().People.AnyAsync(p => p.Role == Roles.Owner, token);
            var password = hasOwner ? null : Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            var result = await services.GetRequiredService<DemoData>().LoadAsync(Cultures.German, token, password);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors));
                return 1;
            }
            Console.WriteLine("demo data loaded");
            if (password is not null)
                Console.WriteLine($"demo owner: {DemoData.DemoOwnerEmail}, password {password} (shown once; the first sign-in sets up the authenticator)");
            return 0;
        }, ct));
        return new Command("demo", "Demo data") { load };
    }

    private static Command ExportCommand()
    {
        var output = new Option<FileInfo>("--out") { Description = "The zip file to write", Required = true };
        var all = new Command("all", "Write the company's complete data (every table, files, a manifest with checksums) to a zip") { output };
        all.SetAction((parse, ct) => WithApp(parse, async (services, token) =>
        {
            var file = parse.GetValue(output)!;
            var export = services.GetRequiredService<FullExport>();
            ArchiveManifest manifest;
            // Written next to the target and renamed at the end: a failed export leaves no half-written file behind.
            var partial = file.FullName + ".partial";
            await using (var stream = File.Create(partial))
                manifest = await export.WriteAsync(stream, token);
            File.Move(partial, file.FullName, overwrite: true);
            Console.WriteLine($"exported {manifest.Tables.Sum(t => t.Rows)} rows from {manifest.Tables.Count} tables and {manifest.Files.Count} files to {file.FullName}");
            return 0;
        }, ct));
        return new Command("export", "Export data") { all };
    }

    private static Command ImportCommand()
    {
        var archive = new Argument<FileInfo>("file") { Description = "A zip written by 'righthand export all'" };
        var all = new Command("all", "Restore a complete export into this empty instance (checked first; all or nothing)") { archive };
        all.SetAction((parse, ct) => WithApp(parse, async (services, token) =>
        {
            var file = parse.GetValue(archive)!;
            var result = await services.GetRequiredService<FullImport>().RestoreAsync(file.FullName, token);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync($"import refused, nothing changed: {string.Join(Environment.NewLine, result.Errors)}");
                return 1;
            }
            Console.WriteLine($"imported {file.FullName}");
            return 0;
        }, ct));
        return new Command("import", "Import data") { all, MembersImportCommand() };
    }

    private static Command MembersImportCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV file of members (UTF-8, UTF-16 or Windows-1252; ';', ',' or tab)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report; write nothing" };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "JSON object from column header to field, e.g. {\"Vorname\": \"first_name\"}" };
        var key = new Option<string>("--key") { Description = "Find existing members by 'number' or 'email'", DefaultValueFactory = _ => "number" };
        key.AcceptOnlyFromAmong("number", "email");
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "Import only if no row is bad (default: import the good rows, report the bad ones)" };
        var source = new Option<string>("--source") { Description = "Where the file comes from; its mapping is remembered under this name", DefaultValueFactory = _ => Members.Import.MemberImports.CommandLineSource };
        var command = new Command("members", "Import or update members from a CSV file; exit code 0 when no row was rejected, 1 otherwise, 2 for unusable input")
            { file, dryRun, mapping, key, allOrNothing, source };
        command.SetAction((parse, ct) => WithApp(parse, (services, token) => Members.Import.MemberImportCommand.RunAsync(services, new(
            parse.GetValue(file)!, parse.GetValue(dryRun), parse.GetValue(mapping), parse.GetValue(key) == "email" ? Members.Import.ImportKey.Email : Members.Import.ImportKey.Number,
            parse.GetValue(allOrNothing), parse.GetValue(source)!), Console.Out, Console.Error, token), ct));
        return command;
    }

    /// <summary>Where <c>mail receive</c> reads the message; tests put a message there.</summary>
    internal static Func<Stream> StandardInput { get; set; } = Console.OpenStandardInput;

    private static Command MailCommands()
    {
        var receive = new Command("receive", "Take one mail from standard input onto the support desk (for a Postfix pipe or fetchmail's mda); "
            + "exit code 0 when taken, 2 when rejected (kept in the rejected-mail folder), 75 for a temporary failure (the mail server retries)");
        receive.SetAction(async (parse, ct) =>
        {
            // Read first and whole: the mail server's pipe must be drained even when the database turns out to be down.
            var raw = await Support.Inbound.MailReceiveCommand.ReadAsync(StandardInput(), ct);
            try
            {
                return await WithApp(parse, (services, token) => Support.Inbound.MailReceiveCommand.RunAsync(services, raw, Console.Out, Console.Error, token), ct);
            }
            // Whatever stops the mail from being taken now (the database down, the disk full) is temporary for the mail
            // server: it keeps the mail and retries, instead of bouncing it to the sender.
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"temporary failure, the mail server should retry: {ex.Message}");
                return Support.Inbound.MailReceiveCommand.TemporaryFailure;
            }
        });
        return new Command("mail", "Receive mail for the support desk") { receive };
    }

    /// <summary>For developers writing a migration: the full schema the EF model wants, to diff against.</summary>
    private static Command SchemaScriptCommand()
    {
        var engine = new Option<string>("--engine") { DefaultValueFactory = _ => "sqlite" };
        var command = new Command("schema-script", "Print the schema the code's model expects (for writing migrations)") { engine };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var options = new DbContextOptionsBuilder<AppDb>();
            if (parse.GetValue(engine) == "postgres") options.UseNpgsql("Host=localhost"); else options.UseSqlite("Data Source=:memory:");
            using var db = new AppDb(options.Options, new AuditRecorder(new AuditActorAccessor(new HttpContextAccessor()), TimeProvider.System));
            Console.WriteLine(db.Database.GenerateCreateScript());
            return 0;
        });
        return command;
    }

    private static async Task<int> WithApp(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> run, CancellationToken ct)
    {
        var builder = WebHost.CreateBuilder([], Overrides(parse, jobs: false));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = WebHost.Build(builder);
        await WebHost.MigrateAsync(app.Services, ct);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActorAccessor>().Use(AuditActor.CommandLine);
        return await run(scope.ServiceProvider, ct);
    }

    private static Dictionary<string, string?> Overrides(ParseResult parse, bool jobs = true)
    {
        var values = new Dictionary<string, string?>();
        if (parse.GetValue(Database) is { Length: > 0 } cs) values["ConnectionStrings:Postgres"] = cs;
        if (parse.GetValue(DataDir) is { Length: > 0 } dir) values["RIGHTHAND_DATA_DIR"] = dir;
        if (!jobs) values["Jobs:Enabled"] = "false";
        return values;
    }

    private static string[] ForwardedArgs(ParseResult parse) => [.. parse.UnmatchedTokens];
}
