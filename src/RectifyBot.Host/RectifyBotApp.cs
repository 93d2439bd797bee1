using RectifyBot.Host.Channels.Teams;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Host.Channels.WeComBot;
using RectifyBot.Host.Reminders;

namespace RectifyBot.Host;

/// <summary>
/// The whole server as a table of contents. Program.cs runs it; the tests build the same app on port 0 with a
/// temporary data folder (--urls and --Data:Path), so they exercise what operators run.
/// </summary>
public static class RectifyBotApp
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        Store.PrivateFiles.RestrictNewFiles();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = HostSetup.Arguments(args), ContentRootPath = HostSetup.ContentRoot(), WebRootPath = WebPage.Root,
        });
        builder.UseLoopbackByDefault();

        builder.Services.AddWebSecurity();
        builder.Services.AddRectifyBot(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddTurnQueue(builder.Configuration);
        builder.Services.AddTeamsChannel(builder.Configuration);
        builder.Services.AddSingleton<TeamsTurns>();
        builder.Services.AddSingleton<ITeamsTurnSink>(sp => sp.GetRequiredService<TeamsTurns>());
        builder.Services.AddWeComChannel();
        builder.Services.AddSingleton<WeComTurns>();
        builder.Services.AddSingleton<WeComInbox>(sp => sp.GetRequiredService<WeComTurns>().Receive);
        builder.Services.AddSingleton(WeComTurns.Replay);
        builder.Services.AddSingleton(TeamsTurns.Replay);
        builder.Services.AddSingleton(WeComBotTurns.Replay);
        builder.Services.AddWeComBotChannel();
        builder.Services.AddWebChannel();
        builder.Services.AddSignInKeys(builder.Configuration);
        builder.Services.AddReminderJob();
        builder.Services.AddObservability(builder.Configuration);
        builder.Services.AddBackupJob(builder.Configuration);

        var app = builder.Build();
        await app.PrepareStoreAsync(app.Lifetime.ApplicationStopping);

        app.UseWebSecurity();
        // Here rather than where the framework would put them, first: a refused request gets the security headers too.
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapObservability();
        app.MapTeams();
        app.MapWeCom();
        app.UseWebPage();
        app.MapWebAuth();
        app.MapWeComSignIn();
        app.MapWebChat();
        app.MapMeasuresApi();
        FileLinks.Map(app);
        app.MapDashboardApi();
        app.MapStaffApi();
        app.Lifetime.ApplicationStarted.Register(() => app.LogStartup());
        return app;
    }
}
