using RectifyBot.Host.Channels.Teams;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Channels.WeCom;
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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = HostSetup.DemoSwitch(args), ContentRootPath = HostSetup.ContentRoot(), WebRootPath = WebPage.Root,
        });
        builder.UseLoopbackByDefault();

        builder.Services.AddRectifyBot(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddTurnQueue(builder.Configuration);
        builder.Services.AddSingleton<Turns.NoticeSender>();
        builder.Services.AddTeamsChannel(builder.Configuration);
        builder.Services.AddSingleton<ITeamsTurnSink, TeamsTurns>();
        builder.Services.AddWeComChannel();
        builder.Services.AddSingleton<WeComTurns>();
        builder.Services.AddSingleton<WeComInbox>(sp => sp.GetRequiredService<WeComTurns>().Receive);
        builder.Services.AddWebChannel();
        builder.Services.AddReminderJob();

        var app = builder.Build();
        await app.PrepareStoreAsync(app.Lifetime.ApplicationStopping);

        app.MapHealth();
        app.MapTeams();
        app.MapWeCom();
        app.UseWebPage();
        app.MapWebAuth();
        app.MapWeComSignIn();
        app.MapWebChat();
        app.MapMeasuresApi();
        FileLinks.Map(app);
        app.MapDashboardApi();
        app.Lifetime.ApplicationStarted.Register(() => app.LogStartup());
        return app;
    }
}
