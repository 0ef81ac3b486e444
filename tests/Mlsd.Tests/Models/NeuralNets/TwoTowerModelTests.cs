using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

/// <summary>
/// A planted world: 200 users and 150 items, each in one of 5 clusters (id mod 5); every user likes 12 random
/// items of their own cluster, 10 for training and 2 held out. A model that learns the clusters ranks the held-out
/// items among the ~20 unseen same-cluster items, so recall@10 ≈ 0.5; ranking at random gives 10/140 ≈ 0.07.
/// </summary>
public class TwoTowerModelTests
{
    private const int Users = 200, Items = 150, Clusters = 5;

    private sealed record Planted(TowerInput[] TrainUsers, TowerInput[] TrainItems, Dictionary<int, HashSet<int>> Seen, Dictionary<int, int[]> HeldOut);

    private static Planted Build()
    {
        var s = new Sampler(11);
        var trainUsers = new List<TowerInput>();
        var trainItems = new List<TowerInput>();
        var seen = new Dictionary<int, HashSet<int>>();
        var heldOut = new Dictionary<int, int[]>();
        for (int u = 0; u < Users; u++)
        {
            int c = u % Clusters;
            var pool = Enumerable.Range(0, Items).Where(i => i % Clusters == c).ToList();
            s.Shuffle(pool);
            var liked = pool.Take(12).ToArray();
            seen[u] = liked.Take(10).ToHashSet();
            heldOut[u] = liked.Skip(10).ToArray();
            foreach (int i in liked.Take(10))
            {
                trainUsers.Add(UserInput(u, u));
                trainItems.Add(ItemInput(i));
            }
        }
        return new Planted([.. trainUsers], [.. trainItems], seen, heldOut);
    }

    // The user's one field is their cluster, so a brand-new user can be placed from features alone.
    private static TowerInput UserInput(int u, int id) => new(id, [u % Clusters]);

    private static TowerInput ItemInput(int i) => new(i, [i % Clusters]);

    private static TwoTowerModel NewModel(int seed, int epochs = 3) =>
        new(new TowerSchema(Users, [Clusters]), new TowerSchema(Items, [Clusters]))
        {
            EmbeddingDimension = 16, IdDimension = 16, FieldDimension = 4, HiddenUnits = 32,
            Epochs = epochs, BatchSize = 64, LearningRate = 0.01f, Seed = seed, IdDropout = 0.2,
        };

    private static double RecallAt10(float[][] userVectors, float[][] itemVectors, Planted p)
    {
        double total = 0;
        for (int u = 0; u < Users; u++)
        {
            var top = Enumerable.Range(0, Items)
                .Where(i => !p.Seen[u].Contains(i))
                .OrderByDescending(i => userVectors[u].Zip(itemVectors[i], (a, b) => a * b).Sum())
                .Take(10)
                .ToHashSet();
            total += p.HeldOut[u].Count(top.Contains) / 2.0;
        }
        return total / Users;
    }

    [Fact]
    public void LearnsThePlantedAffinityAndServesNewUsersFromFeatures()
    {
        var p = Build();
        var model = NewModel(seed: 3).Fit(p.TrainUsers, p.TrainItems);
        var items = model.EncodeItems(Enumerable.Range(0, Items).Select(ItemInput).ToArray());
        var known = model.EncodeUsers(Enumerable.Range(0, Users).Select(u => UserInput(u, u)).ToArray());
        var cold = model.EncodeUsers(Enumerable.Range(0, Users).Select(u => UserInput(u, TowerInput.UnknownId)).ToArray());

        double recall = RecallAt10(known, items, p);
        double coldRecall = RecallAt10(cold, items, p);
        Assert.True(recall > 0.3, $"recall@10 {recall:F3}; random ≈ 0.07");
        Assert.True(coldRecall > 0.3, $"features-only recall@10 {coldRecall:F3}; random ≈ 0.07");
        Assert.True(model.LossHistory[^1] < model.LossHistory[0], "training loss should fall");
        Assert.All(items, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => x * x)), 1e-4));  // unit vectors
    }

    [Fact]
    public void SameSeedSameVectorsOtherSeedOtherVectors()
    {
        var p = Build();
        var probe = Enumerable.Range(0, 10).Select(ItemInput).ToArray();
        var a = NewModel(seed: 5, epochs: 1).Fit(p.TrainUsers, p.TrainItems).EncodeItems(probe);
        var b = NewModel(seed: 5, epochs: 1).Fit(p.TrainUsers, p.TrainItems).EncodeItems(probe);
        var c = NewModel(seed: 6, epochs: 1).Fit(p.TrainUsers, p.TrainItems).EncodeItems(probe);
        Assert.Equal(a.SelectMany(x => x), b.SelectMany(x => x));
        Assert.NotEqual(a.SelectMany(x => x), c.SelectMany(x => x));
    }

    [Fact]
    public void BadInputFailsWithClearMessages()
    {
        var model = NewModel(1);
        var users = new[] { UserInput(0, 0), UserInput(1, 1) };
        var items = new[] { ItemInput(0), ItemInput(1) };
        Assert.Throws<InvalidOperationException>(() => model.EncodeItems(items));
        var length = Assert.Throws<ArgumentException>(() => model.Fit(users, items.Take(1).ToArray()));
        Assert.Contains("same length", length.Message);
        var field = Assert.Throws<ArgumentException>(() => model.Fit(users, [ItemInput(0), new TowerInput(1, [Clusters])]));
        Assert.Contains("items[1].Fields[0]", field.Message);
        var id = Assert.Throws<ArgumentException>(() => model.Fit([UserInput(0, Users), UserInput(1, 1)], items));
        Assert.Contains("users[0].Id", id.Message);
        Assert.Throws<ArgumentException>(() => model.Fit(users, [ItemInput(0), new TowerInput(1, [])]));
        Assert.Throws<ArgumentException>(() => model.Fit(users, [ItemInput(0), new TowerInput(1, [0], Bag: [3])]));
        var settings = new TwoTowerModel(new TowerSchema(Users, [Clusters]), new TowerSchema(Items, [Clusters])) { BatchSize = 1 };
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => settings.Fit(users, items)).ParamName);
    }
}
