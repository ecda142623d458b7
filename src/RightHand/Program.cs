using RightHand.Platform.Cli;

return await Cli.RunAsync(args);
