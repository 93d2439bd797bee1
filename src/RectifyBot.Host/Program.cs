using RectifyBot;
using RectifyBot.Host;
using RectifyBot.Host.Channels.Teams;
using RectifyBot.Host.Channels.WeCom;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = HostSetup.ContentRoot() });
builder.UseLoopbackByDefault();

builder.Services.AddRectifyBot(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddTurnQueue(builder.Configuration);
builder.Services.AddTeamsChannel(builder.Configuration);
builder.Services.AddSingleton<ITeamsTurnSink, TeamsTurns>();
builder.Services.AddWeComChannel();
builder.Services.AddSingleton<WeComTurns>();
builder.Services.AddSingleton<WeComInbox>(sp => sp.GetRequiredService<WeComTurns>().Receive);

var app = builder.Build();
await app.PrepareStoreAsync(app.Lifetime.ApplicationStopping);

app.MapHealth();
app.MapTeams();
app.MapWeCom();
app.Lifetime.ApplicationStarted.Register(() => app.LogStartup());

app.Run();
