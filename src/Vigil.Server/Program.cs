using Vigil.Server.Hosting;

// The host on its own (tests host it through WebApplicationFactory); people run it as 'vigil serve'.
await VigilHost.Build(args).RunAsync().ConfigureAwait(false);
