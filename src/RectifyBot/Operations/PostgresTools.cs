using System.Diagnostics;
using Npgsql;

namespace RectifyBot.Operations;

/// <summary>
/// pg_dump and pg_restore, found on PATH. The connection goes to them as libpq's PG* environment variables, so
/// the password never appears on a command line another user could read with ps.
/// </summary>
internal static class PostgresTools
{
    public static async Task RunAsync(string tool, string connectionString, IEnumerable<string> arguments, CancellationToken ct)
    {
        var path = Find(tool) ?? throw new OperationException(
            $"找不到 {tool}：PostgreSQL 的备份与恢复需要 PostgreSQL 客户端工具（版本不低于数据库服务器），"
            + "请安装（Debian/麒麟/统信：apt-get install postgresql-client）或把其所在目录加入 PATH。");
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        start.Environment["PGHOST"] = c.Host;
        start.Environment["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = c.Database;
        start.Environment["PGUSER"] = c.Username;
        start.Environment["PGPASSWORD"] = c.Password;
        start.Environment["PGSSLMODE"] = c.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await stdout;
        if (process.ExitCode != 0)
        {
            var first = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            throw new OperationException($"{tool} 失败（退出码 {process.ExitCode}）：{first}");
        }
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}

/// <summary>A backup, restore or migration that cannot go ahead, told to the operator in one sentence.</summary>
public sealed class OperationException(string message) : Exception(message);
