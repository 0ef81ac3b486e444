using Mlsd.Data;

namespace Mlsd.Tests.Data;

// Expected counts and values were read independently with Python (gzip/csv/json/numpy) from the same files.
public class DatasetsTests
{
    [Fact]
    public void FashionMnist_10000Images_1000PerClass()
    {
        var d = Datasets.FashionMnist.Load();
        Assert.Equal(10_000, d.Count);
        Assert.Equal((28, 28), (d.Width, d.Height));
        Assert.All(d.Images, v => Assert.Equal(784, v.Length));
        Assert.Equal(Enumerable.Repeat(1000, 10), d.ClassCounts());
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], d.Labels[..10]);
        Assert.Equal("Ankle boot", d.ClassNames[d.Labels[0]]);
        Assert.Equal(110 / 255f, d.Images[0][14 * 28 + 14]);
        Assert.Equal(33456 / 255.0, d.Images[0].Sum(x => (double)x), 3); // float pixels: per-pixel rounding adds up
        Assert.Equal(24390 / 255.0, d.Images[^1].Sum(x => (double)x), 3);
        Assert.All(d.Images[0], x => Assert.InRange(x, 0f, 1f));
    }

    [Fact]
    public void Digits_1797Images_8x8()
    {
        var d = Datasets.Digits.Load();
        Assert.Equal(1797, d.Count);
        Assert.Equal((8, 8), (d.Width, d.Height));
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], d.ClassCounts());
        Assert.Equal(0, d.Labels[0]);
        Assert.Equal(8, d.Labels[^1]);
        Assert.Equal([5 / 16f, 13 / 16f, 9 / 16f], d.Images[0][2..5]);
        string html = d.ToHtml();
        Assert.Equal(10, html.Split("<figure").Length - 1); // one example per class
        Assert.Contains("<figcaption style=\"font-size:smaller\">9</figcaption>", html);
    }

    [Fact]
    public void SpamAssassin_6046Messages_1896Spam()
    {
        var m = Datasets.SpamAssassin.Load();
        Assert.Equal(6046, m.Length);
        Assert.Equal(1896, m.Count(x => x.IsSpam));
        Assert.Equal(2500, m.Count(x => x.Group == "easy-ham-1"));
        Assert.Equal("easy-ham-1/00001", m[0].Id);
        Assert.Equal("Re: New Sequences Window", m[0].Subject);
        Assert.StartsWith("Date: Wed, 21 Aug 2002", m[0].Body);
        Assert.All(m, x => Assert.True(x.Body.Length <= 600));
        Assert.Equal(m.Length, m.Select(x => x.Id).Distinct().Count());
    }

    [Fact]
    public void Spambase_4601Rows_57Features()
    {
        var d = Datasets.Spambase.Load();
        Assert.Equal(4601, d.Count);
        Assert.Equal(57, d.FeatureNames.Length);
        Assert.Equal(1813, d.Labels.Sum());
        Assert.Equal(["make", "address", "all"], d.FeatureNames[..3]);
        Assert.Equal([0, 0.64, 0.64, 0, 0.32], d.Features[0][..5]);
        Assert.Equal([3.756, 61, 278], d.Features[0][^3..]);
        Assert.Equal(1, d.Labels[0]);
        Assert.Equal(0, d.Labels[^1]);
        Assert.Equal(d.Features.Select(r => r[1]), d.Column("address"));
    }

    [Fact]
    public void TateText_4284Artworks()
    {
        var a = Datasets.TateText.Load();
        Assert.Equal(4284, a.Length);
        Assert.Equal(new TateArtwork(21926, "Absalon", "Proposals for a Habitat", "Video, monitor or projection, colour and sound (stereo)", 1990), a[0]);
        Assert.Equal(248, a.Count(x => x.IsMovingImage));
        Assert.Equal(1990, a.Min(x => x.Year));
        Assert.Equal(2012, a.Max(x => x.Year));
        Assert.Contains(a, x => x.Title == "Phaëthon");
    }

    [Fact]
    public void Coleman_TwoWavesOn73Boys()
    {
        var c = Datasets.Graphs.Coleman();
        Assert.Equal(73, c.Fall.NodeCount);
        Assert.Equal(243, c.Fall.EdgeCount);
        Assert.Equal(263, c.Spring.EdgeCount);
        Assert.True(c.Fall.IsDirected);
        Assert.Equal(new GraphEdge(18, 3), c.Fall.Edges[0]); // first row: Fall, 19 → 4 (1-based names)
        Assert.Equal(181, c.Fall.UndirectedEdgeCount);
        Assert.Equal(202, c.Spring.UndirectedEdgeCount);
        Assert.Equal(0, c.Fall.Degree(c.Fall.IndexOf("25")));
    }

    [Fact]
    public void Karate_34Nodes_78Edges_TwoClubs()
    {
        var g = Datasets.Graphs.Karate();
        Assert.Equal(34, g.NodeCount);
        Assert.Equal(78, g.EdgeCount);
        Assert.False(g.IsDirected);
        Assert.Equal(17, g.Attribute("club").Count(c => c == "Mr. Hi"));
        Assert.Equal(new GraphEdge(0, 1, 4), g.Edges[0]);
        Assert.Equal(16, g.Degree(0));
        Assert.Equal(17, g.Degree(33));
        Assert.True(g.HasEdge(1, 0));
    }

    [Fact]
    public void LesMis_77Nodes_254Edges()
    {
        var g = Datasets.Graphs.LesMis();
        Assert.Equal(77, g.NodeCount);
        Assert.Equal(254, g.EdgeCount);
        Assert.Equal(31, g.Edges.Max(e => e.Weight));
        Assert.True(g.HasEdge(g.IndexOf("Valjean"), g.IndexOf("Cosette")));
    }

    [Fact]
    public void Stopwords_301Words()
    {
        var s = Datasets.Stopwords();
        Assert.Equal(301, s.Count);
        Assert.Contains("the", s);
        Assert.Contains("z", s);
        Assert.DoesNotContain("cat", s);
    }

    [Fact]
    public void Cascades_AreVerifiedXmlFiles()
    {
        Assert.StartsWith("<?xml", File.ReadAllText(Datasets.FrontalFaceCascadePath())[..10]);
        Assert.EndsWith("haarcascade_russian_plate_number.xml", Datasets.LicencePlateCascadePath());
    }

    [Fact]
    public void ToyListings_200Rows_WithMissingScores()
    {
        var rows = Datasets.ToyListings.Load();
        Assert.Equal(200, rows.Length);
        Assert.Equal(Enumerable.Range(1, 200), rows.Select(r => r.Id));
        Assert.Contains(rows, r => double.IsNaN(r.ReviewScore));
        Assert.All(rows, r => Assert.InRange(r.Bedrooms, 1, 5));
        Assert.Subset(Mlsd.Data.Synthetic.ToyListings.Cities.ToHashSet(), rows.Select(r => r.City).ToHashSet());
    }
}
