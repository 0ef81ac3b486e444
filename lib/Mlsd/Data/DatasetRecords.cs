using System.Globalization;
using System.Text;
using Mlsd.Formatting;

namespace Mlsd.Data;

/// <summary>
/// Labelled images as flat float vectors in [0, 1] (row-major, <see cref="Width"/> × <see cref="Height"/>),
/// the shape embedding models and kNN indexes consume directly.
/// </summary>
/// <param name="Name">Dataset name.</param>
/// <param name="Images">One vector of Width × Height values in [0, 1] per image.</param>
/// <param name="Labels">Class index per image, into <paramref name="ClassNames"/>.</param>
/// <param name="ClassNames">Human-readable class names.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed record ImageDataset(string Name, float[][] Images, int[] Labels, string[] ClassNames, int Width, int Height) : IHtmlRenderable
{
    /// <summary>Number of images.</summary>
    public int Count => Images.Length;

    /// <summary>Image <paramref name="index"/> as a greyscale <see cref="RasterImage"/> (for display).</summary>
    public RasterImage ToImage(int index) => RasterImage.FromGreyscale(Images[index], Width, Height);

    /// <summary>Images per class, in class order.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Length];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>The summary line and the first image of each class, captioned with its class name.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<div><div>").Append(Html.Escape(ToString())).Append("</div><div style=\"display:flex;flex-wrap:wrap;gap:6px\">");
        for (int c = 0; c < ClassNames.Length; c++)
        {
            int i = Array.IndexOf(Labels, c);
            if (i < 0) continue;
            sb.Append("<figure style=\"margin:0;text-align:center\">").Append(ToImage(i).ToHtml())
              .Append("<figcaption style=\"font-size:smaller\">").Append(Html.Escape(ClassNames[c])).Append("</figcaption></figure>");
        }
        return sb.Append("</div></div>").ToString();
    }

    /// <summary>A summary such as <c>Fashion-MNIST (test split): 10,000 images 28×28, 10 classes</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Count:N0} images {Width}×{Height}, {ClassNames.Length} classes ({string.Join(", ", ClassNames)})");
}

/// <summary>A numeric feature table with a class label per row.</summary>
/// <param name="Name">Dataset name.</param>
/// <param name="FeatureNames">Column names of <paramref name="Features"/>.</param>
/// <param name="Features">One row of feature values per example.</param>
/// <param name="Labels">Class index per row, into <paramref name="ClassNames"/>.</param>
/// <param name="ClassNames">Class names; for binary data index 1 is the positive class.</param>
public sealed record TabularDataset(string Name, string[] FeatureNames, double[][] Features, int[] Labels, string[] ClassNames)
{
    /// <summary>Number of rows.</summary>
    public int Count => Features.Length;

    /// <summary>Share of rows whose label is 1 (the positive class of a binary dataset).</summary>
    public double PositiveRate => Labels.Length == 0 ? 0 : Labels.Count(l => l == 1) / (double)Labels.Length;

    /// <summary>The values of feature <paramref name="name"/> as one array.</summary>
    public double[] Column(string name)
    {
        int j = Array.IndexOf(FeatureNames, name);
        if (j < 0) throw new ArgumentException($"{Name} has no feature '{name}'.", nameof(name));
        var column = new double[Features.Length];
        for (int i = 0; i < column.Length; i++) column[i] = Features[i][j];
        return column;
    }

    /// <summary>A summary such as <c>Spambase: 4,601 rows × 57 features, 39.4 % spam</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Count:N0} rows × {FeatureNames.Length} features, classes {string.Join("/", ClassNames)}, {PositiveRate:P1} {ClassNames[^1]}");
}

/// <summary>One e-mail of the SpamAssassin public corpus (headers dropped, HTML stripped, body cut to 600 characters).</summary>
/// <param name="Id">"group/number", unique.</param>
/// <param name="Group">The corpus folder: easy-ham-1, easy-ham-2, hard-ham-1, spam-1, spam-2.</param>
/// <param name="IsSpam">The label.</param>
/// <param name="Subject">Subject line (may be empty).</param>
/// <param name="Body">Plain-text body, whitespace collapsed, addresses replaced by &lt;email&gt;.</param>
public sealed record SpamAssassinMessage(string Id, string Group, bool IsSpam, string Subject, string Body)
{
    /// <summary>Subject and body joined by a newline: the text a classifier reads.</summary>
    public string Text => Subject.Length == 0 ? Body : Subject + "\n" + Body;
}

/// <summary>One Tate artwork acquired since 1990 (metadata only).</summary>
/// <param name="Id">Tate's artwork id.</param>
/// <param name="Artist">Artist as catalogued ("Surname, Forenames").</param>
/// <param name="Title">Title.</param>
/// <param name="Medium">Medium description, e.g. "Oil paint on canvas".</param>
/// <param name="Year">Year of the work.</param>
public sealed record TateArtwork(int Id, string Artist, string Title, string Medium, int Year)
{
    /// <summary>True when the medium mentions video or film: the "videos" of the video-search case study.</summary>
    public bool IsMovingImage =>
        Medium.Contains("video", StringComparison.OrdinalIgnoreCase) || Medium.Contains("film", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Coleman's high-school friendship nominations: the same 73 boys asked "who are your friends?" in autumn 1957
/// and again in spring 1958 — two real snapshots of one network, so "which edges appear by spring?" is a
/// genuine link-prediction task.
/// </summary>
/// <param name="Fall">Directed nominations in autumn 1957.</param>
/// <param name="Spring">Directed nominations in spring 1958 (same node indices).</param>
public sealed record ColemanFriendship(Graph Fall, Graph Spring)
{
    /// <summary>A two-line summary of both waves.</summary>
    public override string ToString() => $"Coleman friendship: {Fall}; {Spring}";
}
