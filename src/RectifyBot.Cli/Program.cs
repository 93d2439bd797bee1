using RectifyBot.Cli;

RectifyBot.Store.PrivateFiles.RestrictNewFiles();

return await CliApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
