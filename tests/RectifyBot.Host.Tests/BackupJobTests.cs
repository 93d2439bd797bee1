using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Tests.Channels.Web;

namespace RectifyBot.Host.Tests;

/// <summary>The daily backup of the running server: an archive with a manifest, and only the newest Keep kept.</summary>
public sealed class BackupJobTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rectifybot-backups-").FullName;
    private WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = WebServer.With([$"--Backup:Folder={_folder}", "--Backup:Keep=2"]);
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_run_writes_an_archive_of_the_store_and_keeps_only_the_newest()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "rectifybot-20200101-020000.zip"), "old");
        await File.WriteAllTextAsync(Path.Combine(_folder, "rectifybot-20200102-020000.zip"), "old");
        await File.WriteAllTextAsync(Path.Combine(_folder, "notes.txt"), "not a backup");

        var archive = await _server.Services.GetRequiredService<BackupJob>().RunOnceAsync(CancellationToken.None);

        Assert.NotNull(archive);
        Assert.Equal([archive, Path.Combine(_folder, "rectifybot-20200102-020000.zip")],
            Directory.GetFiles(_folder, "rectifybot-*.zip").OrderDescending(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(_folder, "notes.txt")));
        using var zip = ZipFile.OpenRead(archive);
        Assert.NotNull(zip.GetEntry("manifest.json"));
        Assert.NotNull(zip.GetEntry("store/rectifybot.db"));
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("keys/", StringComparison.Ordinal));
    }
}
