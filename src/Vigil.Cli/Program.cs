using Vigil.Cli;

return await VigilCli.RunAsync(args, CliContext.FromEnvironment()).ConfigureAwait(false);
