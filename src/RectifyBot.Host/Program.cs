using RectifyBot.Host.Channels.WeCom;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddWeComChannel();
// Until the conversation engine's queue is wired in, WeCom callbacks are verified, acknowledged and dropped.
builder.Services.AddSingleton<WeComInbox>((_, _) => ValueTask.CompletedTask);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.MapWeCom();
app.Run();
