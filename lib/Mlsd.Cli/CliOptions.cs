using System.CommandLine;
using System.Globalization;
using Mlsd.Notebooks.Running;
using Mlsd.Notebooks.Site;

namespace Mlsd.Cli;

/// <summary>Options several commands share, validated while parsing (a bad value is a usage error naming the option).</summary>
internal static class CliOptions
{
    /// <summary>The engine's defaults: the CLI states no limits of its own.</summary>
    private static readonly NotebookRunnerOptions Defaults = new();

    /// <summary>The longest limit accepted: a day. More is certainly a typo, and far more would not fit a TimeSpan.</summary>
    public const double MaxSeconds = 86_400;

    /// <summary>The most notebooks run at once.</summary>
    public const int MaxParallel = 64;

    public static Option<double> CellTimeout() =>
        Seconds("--timeout", "Time limit of one cell, in seconds", Defaults.CellTimeout);

    public static Option<double> NotebookTimeout() =>
        Seconds("--notebook-timeout", "Time limit of a whole notebook, kernel start-up included, in seconds", Defaults.NotebookTimeout);

    public static Option<int> Parallel()
    {
        var option = new Option<int>("--parallel")
        {
            Description = "Notebooks run at once (by default one per core, at most 4)",
            HelpName = "n",
            DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 4),
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || !TryGetValue<int>(result, out var n)) return;
            if (n is < 1 or > MaxParallel) result.AddError($"--parallel expects a whole number from 1 to {MaxParallel}; got '{result.Tokens[0].Value}'.");
        });
        return option;
    }

    /// <summary>The largest memory limit accepted, in GiB (a mebibyte of gibibytes: more is certainly a typo).</summary>
    public const double MaxMemoryGiB = 1 << 20;

    /// <summary>--memory-limit in GiB; its value is the engine's limit in bytes (see <see cref="MemoryLimitBytes"/>).</summary>
    public static Option<double> MemoryLimit()
    {
        var minimum = NotebookRunnerOptions.MinimumMemoryLimit / (double)(1L << 30);
        var option = new Option<double>("--memory-limit")
        {
            Description = "Managed memory each notebook's kernel may use, in GiB (by default a sixth of this machine's, at least 1)",
            HelpName = "GiB",
            DefaultValueFactory = _ => NotebookRunnerOptions.DefaultMemoryLimit / (double)(1L << 30),
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || !TryGetValue<double>(result, out var gib)) return;
            if (!double.IsFinite(gib) || gib < minimum || gib > MaxMemoryGiB)
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"--memory-limit expects a number of GiB from {minimum} up (at most {MaxMemoryGiB}); got '{result.Tokens[0].Value}'."));
        });
        return option;
    }

    /// <summary>A --memory-limit value (GiB) as the engine's limit in bytes.</summary>
    public static long MemoryLimitBytes(double gib) => (long)(gib * (1L << 30));

    public static Option<string?> Repository()
    {
        var option = new Option<string?>("--repository")
        {
            Description = "The GitHub repository (owner/name) for the site's Codespaces and source links (default: $GITHUB_REPOSITORY)",
            HelpName = "owner/name",
            DefaultValueFactory = _ => SiteOptions.RepositoryFromEnvironment(),
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !SiteOptions.IsRepositoryName(result.Tokens[0].Value))
                result.AddError($"--repository expects owner/name as on GitHub; got '{result.Tokens[0].Value}'.");
        });
        return option;
    }

    /// <summary>Positional paths (<typeparamref name="T"/> is string or string[]); a token that looks like an option is
    /// reported as an unknown option, not taken for a path.</summary>
    public static Argument<T> Paths<T>(string name, string description)
    {
        var argument = new Argument<T>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
                result.AddError($"unknown option '{token.Value}'.");
        });
        return argument;
    }

    private static Option<double> Seconds(string name, string description, TimeSpan fallback)
    {
        var option = new Option<double>(name) { Description = description, HelpName = "seconds", DefaultValueFactory = _ => fallback.TotalSeconds };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || !TryGetValue<double>(result, out var seconds)) return;
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > MaxSeconds)
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"{name} expects a number of seconds above 0 and at most {MaxSeconds} (a day); got '{result.Tokens[0].Value}'."));
        });
        return option;
    }

    /// <summary>The option's value; false when it did not parse (System.CommandLine reports that error itself).</summary>
    private static bool TryGetValue<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
