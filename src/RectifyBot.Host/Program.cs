using RectifyBot.Host;

var app = await RectifyBotApp.BuildAsync(args);
app.Run();
