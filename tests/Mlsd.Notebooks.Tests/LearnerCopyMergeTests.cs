using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Tests;

/// <summary>
/// `mlsd learner` never loses a learner's work: a copy the learner edited is merged by cell id with the new solution,
/// and what <see cref="LearnerCopies.Plan"/> (`--check`) announces is exactly what <see cref="LearnerCopies.Generate"/> does.
/// </summary>
public sealed class LearnerCopyMergeTests : IDisposable
{
    private const string Stub = LearnerCopies.Stub;
    private readonly TempDir _repo = new();
    private readonly string _solution;
    private readonly string _learner;

    public LearnerCopyMergeTests()
    {
        File.WriteAllText(_repo.Combine("Mlsd.slnx"), "<Solution />");
        _solution = _repo.Combine("notebooks", "solutions", "07-ads.ipynb");
        _learner = _repo.Combine("notebooks", "07-ads.ipynb");
        // cell-1 intro, cell-2 setup, cell-3 exercise, cell-4 check, cell-5 a note the next solution drops
        TestNotebooks.Write(_solution, "md:# 07 · Ads", "var rate = 0.02;", "double Ctr()\n{\n    // BEGIN SOLUTION\n    return rate;\n    // END SOLUTION\n}",
            "Console.WriteLine(Ctr());", "md:An aside");
        Assert.Equal(LearnerCopyAction.Create, Assert.Single(LearnerCopies.Generate(_repo.Path)).Action);
    }

    public void Dispose() => _repo.Dispose();

    private void EditLearner(Action<Notebook> edit)
    {
        var nb = Notebook.Load(_learner);
        edit(nb);
        nb.Save(_learner);
    }

    private void EditSolution(Action<Notebook> edit)
    {
        var nb = Notebook.Load(_solution);
        edit(nb);
        nb.Save(_solution);
    }

    private LearnerCopyPlan CheckThenGenerate()
    {
        var before = File.ReadAllBytes(_learner);
        var announced = Assert.Single(LearnerCopies.Plan(_repo.Path));
        Assert.Equal(before, File.ReadAllBytes(_learner)); // --check writes nothing
        var done = Assert.Single(LearnerCopies.Generate(_repo.Path));
        // What --check announced is what running it did, cell for cell.
        Assert.Equal(announced.Action, done.Action);
        Assert.Equal(announced.UpdatedCells, done.UpdatedCells);
        Assert.Equal(announced.AddedCells, done.AddedCells);
        Assert.Equal(announced.RemovedCells, done.RemovedCells);
        Assert.Equal(announced.KeptCells, done.KeptCells);
        Assert.Equal(announced.ConflictingCells, done.ConflictingCells);
        return done;
    }

    [Fact]
    public void Edited_copy_keeps_the_learners_work_and_takes_what_they_did_not_touch()
    {
        const string answer = "double Ctr()\n{\n    return 0.5 * rate; // my own answer\n}";
        EditLearner(nb =>
        {
            nb.Cells[2].Source = answer;
            nb.AddCodeCell("// my scratch cell\nvar mine = Ctr();", id: "learner-1");
            nb.Cells[1].SetOutputs([NotebookOutputs.Stream("stdout", "ran it\n")]); // they ran the setup cell
        });
        // The solution moves on: the setup and the check change, a cell is added, the aside goes.
        EditSolution(nb =>
        {
            nb.Cells[3].Source = "Console.WriteLine($\"CTR {Ctr():P1}\");";
            nb.Root["cells"]!.AsArray().RemoveAt(4);
        });
        var solution = Notebook.Load(_solution);
        solution.AddMarkdownCell("## New section", id: "cell-9");
        solution.Save(_solution);

        var plan = CheckThenGenerate();
        Assert.Equal(LearnerCopyAction.Update, plan.Action);
        var copy = Notebook.Load(_learner);
        Assert.Equal(["cell-1", "cell-2", "cell-3", "cell-4", "learner-1", "cell-9"], copy.Cells.Select(c => c.Id));
        Assert.Equal(answer, copy.Cells[2].Source);                                      // the learner's answer, intact
        Assert.Equal("// my scratch cell\nvar mine = Ctr();", copy.Cells[4].Source);       // their own cell, where they put it
        Assert.Equal("Console.WriteLine($\"CTR {Ctr():P1}\");", copy.Cells[3].Source);    // untouched cell updated
        Assert.Equal("## New section", copy.Cells[5].Source);
        Assert.Equal("ran it\n", NotebookOutputs.GetText(copy.Cells[1].Outputs![0]!.AsObject()));
        Assert.Equal([4], plan.UpdatedCells);
        Assert.Equal([6], plan.AddedCells);
        Assert.Equal(1, plan.RemovedCells);
        Assert.Equal([3, 5], plan.KeptCells);
        Assert.Empty(plan.ConflictingCells);
        Assert.Null(plan.FreshCopy);
        Assert.Equal("notebooks/07-ads.ipynb: updated cells 4 from the solution; added new cells 6; removed 1 cell(s) the solution no longer has; " +
            "kept your edits in cells 3, 5", LearnerCopies.Describe(plan, _repo.Path, done: true).Replace('\\', '/'));

        // Run again: nothing to do, and the edits are still reported as kept.
        var again = CheckThenGenerate();
        Assert.Equal(LearnerCopyAction.UpToDate, again.Action);
        Assert.Equal([3, 5], again.KeptCells);
        Assert.Equal(answer, Notebook.Load(_learner).Cells[2].Source);
    }

    [Fact]
    public void A_cell_changed_on_both_sides_keeps_the_learners_version_and_writes_the_new_copy_beside_it()
    {
        EditLearner(nb => nb.Cells[2].Source = "double Ctr() => 0.03; // mine");
        EditSolution(nb => nb.Cells[2].Source = "double Ctr(double prior)\n{\n    // BEGIN SOLUTION\n    return rate + prior;\n    // END SOLUTION\n}");

        var plan = CheckThenGenerate();
        Assert.Equal([3], plan.ConflictingCells);
        Assert.Equal("double Ctr() => 0.03; // mine", Notebook.Load(_learner).Cells[2].Source);
        var fresh = _repo.Combine("artifacts", "learner-copies", "07-ads.ipynb");
        Assert.Equal(fresh, plan.FreshCopy);
        Assert.Equal($"double Ctr(double prior)\n{{\n    {LearnerCopies.AnswerBegin}\n    {Stub}\n    {LearnerCopies.AnswerEnd}\n}}",
            Notebook.Load(fresh).Cells[2].Source);
        Assert.Contains("cells 3 changed in the solution too: your version was kept; the generated copy is at artifacts",
            LearnerCopies.Describe(plan, _repo.Path, done: true));
        // Once merged, the learner's version counts as their edit of the new version: no conflict the next time.
        Assert.Equal([3], CheckThenGenerate().KeptCells);
    }

    [Fact]
    public void An_edited_cell_the_solution_removes_is_kept_and_a_deleted_cell_stays_deleted()
    {
        EditLearner(nb =>
        {
            nb.Cells[4].Source = "An aside, with my notes";
            nb.Root["cells"]!.AsArray().RemoveAt(3); // they deleted the check cell
        });
        EditSolution(nb => nb.Root["cells"]!.AsArray().RemoveAt(4));
        var plan = CheckThenGenerate();
        var copy = Notebook.Load(_learner);
        Assert.Equal(["cell-1", "cell-2", "cell-3", "cell-5"], copy.Cells.Select(c => c.Id));
        Assert.Equal("An aside, with my notes", copy.Cells[3].Source);
        Assert.Equal([4], plan.ConflictingCells);
    }

    [Fact]
    public void An_unreadable_copy_is_refused_never_overwritten()
    {
        File.WriteAllText(_learner, "{ \"cells\": [ my half-typed notes");
        var before = File.ReadAllBytes(_learner);
        var plan = CheckThenGenerate();
        Assert.Equal(LearnerCopyAction.Refuse, plan.Action);
        Assert.False(plan.Writes);
        Assert.Equal(before, File.ReadAllBytes(_learner));
        Assert.Contains("it cannot be read", plan.Problem);
        Assert.True(File.Exists(plan.FreshCopy));
    }

    [Fact]
    public void A_copy_without_a_record_of_what_was_generated_keeps_every_cell_that_differs()
    {
        // A copy from before the record existed, or made by hand: its differing cells cannot be told from edits.
        EditLearner(nb =>
        {
            nb.Metadata.Remove("mlsd");
            nb.Cells[1].Source = "var rate = 0.05; // changed by someone";
        });
        var plan = CheckThenGenerate();
        Assert.Equal([2], plan.ConflictingCells);
        Assert.Equal("var rate = 0.05; // changed by someone", Notebook.Load(_learner).Cells[1].Source);
    }

    [Fact]
    public void A_copy_missing_only_its_record_gets_it_back_and_says_so()
    {
        EditLearner(nb => nb.Metadata.Remove("mlsd"));
        var plan = CheckThenGenerate();
        Assert.Equal(LearnerCopyAction.Update, plan.Action);
        Assert.Empty(plan.UpdatedCells.Concat(plan.AddedCells).Concat(plan.KeptCells).Concat(plan.ConflictingCells));
        Assert.EndsWith(": rewrote its notebook metadata and record of generated cells (no cell changes)", LearnerCopies.Describe(plan, _repo.Path, done: true));
        Assert.Equal(LearnerCopies.CreateLearnerCopy(Notebook.Load(_solution)).ToBytes(), File.ReadAllBytes(_learner));
    }

    [Fact]
    public void An_untouched_copy_is_regenerated_byte_for_byte()
    {
        EditSolution(nb => nb.Cells[1].Source = "var rate = 0.03;");
        Assert.Equal([2], CheckThenGenerate().UpdatedCells);
        var expected = LearnerCopies.CreateLearnerCopy(Notebook.Load(_solution)).ToBytes();
        Assert.Equal(expected, File.ReadAllBytes(_learner));
        Assert.Empty(LearnerCopies.FindOutOfSync(_repo.Path));
    }
}
