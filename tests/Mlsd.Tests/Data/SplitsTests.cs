using Mlsd.Data;

namespace Mlsd.Tests.Data;

public class SplitsTests
{
    [Fact]
    public void ByTime_Cutoff_DocumentedExample()
    {
        var s = Splits.ByTime([5, 1, 9, 3], 4);
        Assert.Equal([1, 3], s.Train);
        Assert.Equal([0, 2], s.Test);
    }

    [Fact]
    public void ByTime_Fraction_DocumentedExample()
    {
        var s = Splits.ByTime([10, 20, 30, 40, 50], 0.4);
        Assert.Equal([0, 1, 2], s.Train);
        Assert.Equal([3, 4], s.Test);
    }

    [Fact]
    public void ByTime_TiesAtTheCutoffAllGoToTest()
    {
        // 5 rows, 50 % test → 3 test rows (2.5 rounds away from zero); cutoff time 2 → rows with time 2 all test.
        var s = Splits.ByTime([1, 2, 2, 2, 3], 0.5);
        Assert.Equal([0], s.Train);
        Assert.Equal([1, 2, 3, 4], s.Test);
    }

    [Fact]
    public void ByTime_NoLeakage_EveryTrainTimeBeforeEveryTestTime()
    {
        var sampler = new Sampler(11);
        var times = Enumerable.Range(0, 2000).Select(_ => new DateTime(2024, 1, 1).AddHours(sampler.Next(24 * 30))).ToArray();
        var s = Splits.ByTime(times, 0.2);
        Assert.True(s.Train.Max(i => times[i]) < s.Test.Min(i => times[i]));
        Assert.InRange(s.Test.Length, 380, 420); // ≈ 20 %, ties only move a few rows
        Assert.Equal(times.Length, s.Train.Length + s.Test.Length);
    }

    [Fact]
    public void ByTime_OnRecords_ReturnsRows()
    {
        var rows = new[] { (Id: "a", T: 3), (Id: "b", T: 1), (Id: "c", T: 2) };
        var (train, test) = Splits.ByTime(rows, r => r.T, 3);
        Assert.Equal(["b", "c"], train.Select(r => r.Id));
        Assert.Equal(["a"], test.Select(r => r.Id));
    }

    [Fact]
    public void ByGroup_NoUserOnBothSides_AndSeeded()
    {
        var sampler = new Sampler(3);
        var users = Enumerable.Range(0, 3000).Select(_ => "u" + sampler.Next(200)).ToArray();
        var s = Splits.ByGroup(users, 0.25, seed: 42);
        var trainUsers = s.Train.Select(i => users[i]).ToHashSet();
        var testUsers = s.Test.Select(i => users[i]).ToHashSet();
        Assert.Empty(trainUsers.Intersect(testUsers));
        int distinct = users.Distinct().Count();
        Assert.Equal((int)Math.Round(0.25 * distinct, MidpointRounding.AwayFromZero), testUsers.Count);
        Assert.Equal(s.Test, Splits.ByGroup(users, 0.25, seed: 42).Test);
        Assert.NotEqual(s.Test, Splits.ByGroup(users, 0.25, seed: 43).Test);
    }

    [Fact]
    public void GroupKFold_EachGroupTestedOnce_FoldsBalanced()
    {
        var sampler = new Sampler(5);
        var users = Enumerable.Range(0, 1000).Select(_ => sampler.Next(60)).ToArray();
        var folds = Splits.GroupKFold(users, 5, seed: 1);
        Assert.Equal(5, folds.Length);
        var allTest = folds.SelectMany(f => f.Test).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, users.Length), allTest);
        foreach (var f in folds)
        {
            Assert.Empty(f.Train.Select(i => users[i]).ToHashSet().Intersect(f.Test.Select(i => users[i])));
            Assert.Equal(users.Length, f.Train.Length + f.Test.Length);
        }
        int largestGroup = users.GroupBy(u => u).Max(g => g.Count());
        Assert.True(folds.Max(f => f.Test.Length) - folds.Min(f => f.Test.Length) <= largestGroup);
    }

    [Fact]
    public void GroupKFold_TooManyFolds_Throws() =>
        Assert.Contains("cannot exceed", Assert.Throws<ArgumentException>(() => Splits.GroupKFold(["a", "b"], 3, 0)).Message);

    [Fact]
    public void LeaveLastOut_DocumentedExample()
    {
        var s = Splits.LeaveLastOut(["a", "a", "b", "a", "b"], [1, 3, 2, 2, 1]);
        Assert.Equal([1, 2], s.Test);
        Assert.Equal([0, 3, 4], s.Train);
    }

    [Fact]
    public void LeaveLastOut_SingleInteractionUsersStayInTrain_AndTestIsEachUsersLatest()
    {
        var sampler = new Sampler(9);
        var users = Enumerable.Range(0, 500).Select(_ => sampler.Next(80)).Append(999).ToArray();
        var times = users.Select(_ => sampler.Next(10_000)).ToArray();
        var s = Splits.LeaveLastOut(users, times, lastN: 2);
        Assert.DoesNotContain(users.Length - 1, s.Test); // user 999 has one row
        foreach (var g in s.Test.GroupBy(i => users[i]))
        {
            Assert.Equal(2, g.Count());
            int latestTrain = s.Train.Where(i => users[i] == g.Key).Max(i => times[i]);
            Assert.All(g, i => Assert.True(times[i] >= latestTrain));
        }
    }

    [Fact]
    public void Stratified_KeepsClassShares()
    {
        var labels = Enumerable.Repeat(0, 90).Concat(Enumerable.Repeat(1, 10)).ToArray();
        var s = Splits.StratifiedTrainTest(labels, 0.2, seed: 7);
        Assert.Equal(18, s.Test.Count(i => labels[i] == 0));
        Assert.Equal(2, s.Test.Count(i => labels[i] == 1));
        Assert.Equal(100, s.Train.Length + s.Test.Length);
        Assert.Empty(s.Train.Intersect(s.Test));
    }

    [Fact]
    public void TrainTest_CountsAndValidation()
    {
        var s = Splits.TrainTest(10, 0.3, seed: 1);
        Assert.Equal(3, s.Test.Length);
        Assert.Equal("train 7 / test 3 (30.0 % test)", s.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.TrainTest(10, 1.5, 1));
    }
}
