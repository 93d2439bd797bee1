using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Tests.Channels.Web;

namespace RectifyBot.Host.Tests;

public sealed class HostSetupTests(WebServer server) : IClassFixture<WebServer>
{
    /// <summary>
    /// Reloading a settings file on change has the host watch the file's whole folder, the data folder below it
    /// included, so that every commit to the store woke the watcher (HostSetup.Arguments).
    /// </summary>
    [Fact]
    public void The_settings_files_are_read_once_and_not_watched()
    {
        var files = ((IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>()).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched for changes"));
    }
}
