using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Store;
using Spectre.Console;

namespace RectifyBot.Cli;

/// <summary>What every command shares: the writers it prints to, the global options, and the way to the store.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    /// <summary>What a command that needs a plan says on an empty store.</summary>
    public const string NoPlan = "库中还没有整改方案。先用 rectifybot import 导入方案。";

    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>Tables and colours on the same writer; plain text when it is not a terminal.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = ReferenceEquals(output, System.Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(output, System.Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
    });

    public Option<string?> DbOption { get; } = new("--db")
    {
        Description = "SQLite 文件路径或 PostgreSQL 连接串，覆盖 appsettings.json 中的设置",
        Recursive = true,
    };

    public Option<FileInfo?> ConfigOption { get; } = new("--config")
    {
        Description = "appsettings.json 的路径（默认为当前目录或程序目录中的 appsettings.json）",
        Recursive = true,
    };

    /// <summary>
    /// Services over the store named by --db or appsettings.json, migrated and ready. The clock is the
    /// system's unless a command passes its own (--as-of / --today fix "today" instead).
    /// </summary>
    public async Task<AsyncServiceScope> OpenAsync(ParseResult parse, CancellationToken ct, TimeProvider? clock = null)
    {
        var (configuration, root) = LoadConfiguration(parse.GetValue(ConfigOption));
        var db = parse.GetValue(DbOption);
        var services = new ServiceCollection()
            .AddSingleton(clock ?? TimeProvider.System)
            .AddRectifyBot(configuration, root, db is null ? null : StoreOptions.FromDbArgument(db))
            .BuildServiceProvider();
        var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().MigrateAsync(ct);
        return scope;
    }

    /// <summary>The reader's limits from the "Import" section, for commands that read a document without the store.</summary>
    public Import.ImportOptions ImportOptions(ParseResult parse)
    {
        var options = new Import.ImportOptions();
        LoadConfiguration(parse.GetValue(ConfigOption)).Configuration.GetSection(Import.ImportOptions.Section).Bind(options);
        return options;
    }

    private static (IConfiguration Configuration, string Root) LoadConfiguration(FileInfo? explicitFile)
    {
        if (explicitFile is { Exists: false })
        {
            throw new CliException($"找不到配置文件 {explicitFile.FullName}。");
        }
        var file = explicitFile?.FullName ?? Path.Combine(AppSettings.Folder(), AppSettings.FileName);
        if (!File.Exists(file))
        {
            file = null;
        }
        var root = file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(file)!;
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            builder.AddJsonFile(file, optional: false);
        }
        builder.AddEnvironmentVariables();
        return (builder.Build(), root);
    }

    /// <summary>A clock stopped at noon, Beijing time, of the given day: what --today means.</summary>
    public static TimeProvider ClockAt(DateOnly day) => new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    public int Fail(string message)
    {
        Error.WriteLine(message);
        return 1;
    }
}

/// <summary>A problem with the command line itself, told to the user in one sentence.</summary>
public sealed class CliException(string message) : Exception(message);
