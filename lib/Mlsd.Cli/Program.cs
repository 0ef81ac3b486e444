using Mlsd.Notebooks.Running;

// `mlsd kernel` is the child process of `mlsd run`: keep it first and free of console UI so it starts fast.
if (args is ["kernel", ..]) return await KernelHost.RunAsync();
return await Mlsd.Cli.CommandLine.RunAsync(args);
