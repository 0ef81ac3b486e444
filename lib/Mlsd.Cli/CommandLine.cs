namespace Mlsd.Cli;

internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runner = new Mlsd.Notebooks.Running.NotebookRunner(new() { CellTimeout = TimeSpan.FromSeconds(5) });
        foreach (var a in args)
        {
            var r = await runner.RunAsync(a, p => Console.WriteLine($"{p.Stage} {p.CodeCellIndex} {p.Cell?.Describe()}"));
            Console.WriteLine(r.Describe());
            Console.WriteLine(r.ExecutedNotebook?.ToJson());
        }
        return 0;
    }
}
