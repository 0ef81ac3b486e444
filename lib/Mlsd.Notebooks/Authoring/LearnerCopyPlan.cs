namespace Mlsd.Notebooks.Authoring;

/// <summary>What <see cref="LearnerCopies.Generate"/> does to one learner copy.</summary>
public enum LearnerCopyAction
{
    /// <summary>Nothing to write: the copy already has everything of its solution (and may carry the learner's edits).</summary>
    UpToDate,
    /// <summary>The copy is missing and is written.</summary>
    Create,
    /// <summary>Cells the learner did not touch are brought up to date; the learner's own cells are kept.</summary>
    Update,
    /// <summary>The copy is left alone because it cannot be merged (see <see cref="LearnerCopyPlan.Problem"/>).</summary>
    Refuse,
}

/// <summary>
/// What <c>mlsd learner</c> will do, or did, to one learner copy, cell by cell. Cell numbers are 1-based positions in
/// the copy as it is after the update (what the learner sees on opening it).
/// </summary>
public sealed record LearnerCopyPlan
{
    /// <summary>The solution notebook the copy is generated from.</summary>
    public required string Solution { get; init; }

    /// <summary>The learner copy (notebooks/NN-name.ipynb).</summary>
    public required string Learner { get; init; }

    /// <summary>What happens to the copy.</summary>
    public required LearnerCopyAction Action { get; init; }

    /// <summary>Cells the learner had not touched and the solution changed: replaced by the new version.</summary>
    public IReadOnlyList<int> UpdatedCells { get; init; } = [];

    /// <summary>Cells new in the solution: added.</summary>
    public IReadOnlyList<int> AddedCells { get; init; } = [];

    /// <summary>How many untouched cells were dropped because the solution no longer has them.</summary>
    public int RemovedCells { get; init; }

    /// <summary>The learner's edited or added cells, kept as they are.</summary>
    public IReadOnlyList<int> KeptCells { get; init; } = [];

    /// <summary>
    /// Cells the learner edited that the solution changed (or removed) as well: the learner's version is kept, and the
    /// new version is in <see cref="FreshCopy"/>.
    /// </summary>
    public IReadOnlyList<int> ConflictingCells { get; init; } = [];

    /// <summary>Why the copy is refused (unreadable, not mergeable), or why the solution cannot be turned into one.</summary>
    public string? Problem { get; init; }

    /// <summary>Where a fresh copy is written beside the learner's, when theirs keeps conflicting cells or is refused.</summary>
    public string? FreshCopy { get; init; }

    /// <summary>The bytes to write to <see cref="Learner"/> (null: nothing to write).</summary>
    internal byte[]? Content { get; init; }

    /// <summary>The bytes of the plain generated copy, for <see cref="FreshCopy"/>.</summary>
    internal byte[]? FreshContent { get; init; }

    /// <summary>True when <see cref="LearnerCopies.Generate"/> writes the learner copy.</summary>
    public bool Writes => Content is not null;
}
