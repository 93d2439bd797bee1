using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Operations;
using RectifyBot.Store;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot backup, restore and migrate: what the office's IT staff run, never the users.</summary>
internal static class OperationsCommands
{
    public static Command Backup(CliContext cli)
    {
        var output = new Option<FileInfo>("--out") { Description = "备份文件（zip）的路径", Required = true };
        var command = new Command("backup", "在服务运行时备份：库、佐证材料和登录密钥打包为一个文件，附清单（条数、每个文件的 SHA-256、库结构版本）") { output };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = cli.Services(parse);
            var manifest = await services.GetRequiredService<StoreBackup>().CreateAsync(parse.GetValue(output)!.FullName, ct);
            cli.Output.WriteLine($"已备份到 {parse.GetValue(output)!.FullName}：{Describe(manifest)}。");
            return 0;
        });
        return command;
    }

    public static Command Restore(CliContext cli)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "rectifybot backup 生成的备份文件" };
        var data = new Option<DirectoryInfo>("--data") { Description = "恢复到的数据目录（须为空）", Required = true };
        var command = new Command("restore", "把备份恢复到一个空的数据目录（PostgreSQL 则为空库），先核对清单，不覆盖已有数据") { file, data };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = cli.Services(parse, dataPath: parse.GetValue(data)!.FullName);
            var manifest = await services.GetRequiredService<StoreBackup>().RestoreAsync(parse.GetValue(file)!.FullName, ct);
            cli.Output.WriteLine($"已恢复 {manifest.CreatedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 的备份：{Describe(manifest)}，均与清单一致。");
            return 0;
        });
        return command;
    }

    public static Command Migrate(CliContext cli)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "只列出待执行的迁移，不改动库" };
        var command = new Command("migrate", "把库结构升级到本程序的版本（服务启动时也会自动升级）；失败时库保持原样") { dryRun };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = cli.Services(parse);
            await using var db = await services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContextAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count == 0)
            {
                cli.Output.WriteLine($"库结构已是最新（{db.Database.GetMigrations().Last()}），没有待执行的迁移。");
                return 0;
            }
            if (parse.GetValue(dryRun))
            {
                cli.Output.WriteLine($"待执行的迁移 {pending.Count} 个：");
                pending.ForEach(cli.Output.WriteLine);
                return 0;
            }
            await db.MigrateAsync(ct);
            cli.Output.WriteLine($"已执行迁移 {pending.Count} 个：{string.Join("、", pending)}。");
            return 0;
        });
        return command;
    }

    private static string Describe(BackupManifest manifest) =>
        $"措施 {manifest.Counts["Measures"]} 项、进展 {manifest.Counts["ProgressUpdates"]} 条、佐证材料 {manifest.Evidence.Count} 个文件、登录密钥 {manifest.Keys.Count} 个，库结构 {manifest.SchemaVersion}";
}
