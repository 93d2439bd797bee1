using RectifyBot.Host.Channels.Teams;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTeamsChannel(builder.Configuration);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.MapTeams();
app.Run();
