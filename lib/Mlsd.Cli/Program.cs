// The kernel processes `mlsd run` starts are `dotnet Mlsd.Notebooks.dll`, not this assembly: a process whose entry
// assembly is named `mlsd` would capture the notebooks' references to the library `Mlsd`.
return await Mlsd.Cli.CommandLine.RunAsync(args);
