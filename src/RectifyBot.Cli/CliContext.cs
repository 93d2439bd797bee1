using System.CommandLine;

namespace RectifyBot.Cli;

/// <summary>What every command shares: the writers it prints to and the global options.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

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
}
