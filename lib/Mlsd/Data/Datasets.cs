using System.Collections.Frozen;
using System.Numerics.Tensors;
using System.Text.Json;

namespace Mlsd.Data;

/// <summary>
/// The catalogue of bundled datasets (see <c>data/README.md</c> for each one's datasheet). Every loader finds
/// <c>data/</c> with <see cref="DataPaths"/>, checks the file against the SHA-256 manifest, and returns typed
/// records — so a notebook cell is one line and never silently reads a damaged file.
/// </summary>
/// <remarks>Partial, so case-study owners can add their own entries (e.g. synthetic worlds) in their own files.</remarks>
public static partial class Datasets
{
    /// <summary>
    /// The verified absolute path of a bundled file, given relative to the data folder
    /// (e.g. <c>street-view/haarcascade_frontalface_default.xml</c>). Throws if it is missing, unlisted or damaged.
    /// </summary>
    public static string File(string relativePath) => Manifest.Current.Verify(relativePath);

    /// <summary>
    /// Fashion-MNIST, test split: 10,000 greyscale 28×28 images of clothing in 10 balanced classes
    /// (Xiao, Rasul &amp; Vollgraf 2017). Used by 01 visual search.
    /// </summary>
    public static class FashionMnist
    {
        /// <summary>Images file, relative to the data folder.</summary>
        public const string ImagesPath = "fashion-mnist/t10k-images-idx3-ubyte.gz";

        /// <summary>Labels file, relative to the data folder.</summary>
        public const string LabelsPath = "fashion-mnist/t10k-labels-idx1-ubyte.gz";

        /// <summary>The ten class names, in label order.</summary>
        public static IReadOnlyList<string> ClassNames { get; } =
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

        /// <summary>All 10,000 images as float[784] in [0, 1] (pixel / 255), with labels 0–9.</summary>
        public static ImageDataset Load()
        {
            var images = Idx.Read(File(ImagesPath));
            var labels = Idx.Read(File(LabelsPath));
            if (images.Shape is not [var n, 28, 28]) throw new InvalidDataException($"{images.Source}: expected shape [n, 28, 28], found [{string.Join(", ", images.Shape)}].");
            if (labels.Shape is not [var m] || m != n) throw new InvalidDataException($"{labels.Source}: expected {n} labels, found shape [{string.Join(", ", labels.Shape)}].");
            var vectors = new float[n][];
            var y = new int[n];
            for (int i = 0; i < n; i++)
            {
                var v = new float[784];
                TensorPrimitives.ConvertChecked<byte, float>(images.Data.AsSpan(i * 784, 784), v);
                TensorPrimitives.Divide(v, 255f, v);
                vectors[i] = v;
                y[i] = labels.Data[i];
                if (y[i] > 9) throw new InvalidDataException($"{labels.Source}: label {y[i]} at item {i} is outside 0–9.");
            }
            return new ImageDataset("Fashion-MNIST (test split)", vectors, y, ClassNames.ToArray(), 28, 28);
        }
    }

    /// <summary>UCI optical handwritten digits as shipped with scikit-learn: 1,797 images of 8×8, grey levels 0–16, labels 0–9. A tiny image fixture.</summary>
    public static class Digits
    {
        /// <summary>The file, relative to the data folder.</summary>
        public const string Path = "digits/digits.csv.gz";

        /// <summary>All 1,797 images as float[64] in [0, 1] (grey level / 16), with labels 0–9.</summary>
        public static ImageDataset Load()
        {
            var table = Csv.Read(File(Path), new CsvOptions { HasHeader = false });
            if (table.ColumnCount != 65) throw new InvalidDataException($"{table.Source}: expected 65 columns (64 pixels + label), found {table.ColumnCount}.");
            var columns = new double[65][];
            for (int c = 0; c < 65; c++) columns[c] = table.Doubles(c);
            var images = new float[table.RowCount][];
            var labels = new int[table.RowCount];
            for (int r = 0; r < images.Length; r++)
            {
                var v = new float[64];
                for (int c = 0; c < 64; c++) v[c] = (float)(columns[c][r] / 16.0);
                images[r] = v;
                labels[r] = (int)columns[64][r];
            }
            return new ImageDataset("UCI digits", images, labels, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], 8, 8);
        }
    }

    /// <summary>The SpamAssassin public corpus, 6,046 real e-mails (1,896 spam), subject + first 600 body characters. Used by 04.</summary>
    public static class SpamAssassin
    {
        /// <summary>The file, relative to the data folder.</summary>
        public const string Path = "harmful-content/spamassassin_600.csv";

        /// <summary>All messages in corpus order (ham groups first, then spam).</summary>
        public static SpamAssassinMessage[] Load()
        {
            var t = Csv.Read(File(Path));
            string[] id = t.Strings("id"), group = t.Strings("group"), label = t.Strings("label"), subject = t.Strings("subject"), body = t.Strings("body");
            var messages = new SpamAssassinMessage[t.RowCount];
            for (int i = 0; i < messages.Length; i++)
            {
                bool spam = label[i] switch
                {
                    "spam" => true,
                    "ham" => false,
                    _ => throw new CsvFormatException(t.Source, t.LineOf(i), 3, $"column \"label\": expected spam or ham, found \"{label[i]}\".", label[i]),
                };
                messages[i] = new SpamAssassinMessage(id[i], group[i], spam, subject[i], body[i]);
            }
            return messages;
        }
    }

    /// <summary>UCI Spambase: 4,601 e-mails as 57 word/character-frequency and capital-run features; label 1 = spam (1,813 rows).</summary>
    public static class Spambase
    {
        /// <summary>The file, relative to the data folder.</summary>
        public const string Path = "harmful-content/spambase.csv";

        /// <summary>All rows; classes ["nonspam", "spam"].</summary>
        public static TabularDataset Load()
        {
            var t = Csv.Read(File(Path));
            int target = t.ColumnIndex("type");
            var names = t.Header.Where((_, c) => c != target).ToArray();
            var columns = names.Select(n => t.Doubles(n)).ToArray();
            string[] type = t.Strings(target);
            var rows = new double[t.RowCount][];
            var labels = new int[t.RowCount];
            for (int r = 0; r < rows.Length; r++)
            {
                var row = new double[names.Length];
                for (int c = 0; c < row.Length; c++) row[c] = columns[c][r];
                rows[r] = row;
                labels[r] = type[r] switch
                {
                    "spam" => 1,
                    "nonspam" => 0,
                    _ => throw new CsvFormatException(t.Source, t.LineOf(r), target + 1, $"column \"type\": expected spam or nonspam, found \"{type[r]}\".", type[r]),
                };
            }
            return new TabularDataset("Spambase", names, rows, labels, ["nonspam", "spam"]);
        }
    }

    /// <summary>Tate collection metadata: 4,284 artworks from 1990 on, with artist, title, medium and year. Used by 03 (titles as searchable text).</summary>
    public static class TateText
    {
        /// <summary>The file, relative to the data folder.</summary>
        public const string Path = "video-search/tate_text.csv";

        /// <summary>All artworks in file order.</summary>
        public static TateArtwork[] Load()
        {
            var t = Csv.Read(File(Path));
            int[] id = t.Ints("id"), year = t.Ints("year");
            string[] artist = t.Strings("artist"), title = t.Strings("title"), medium = t.Strings("medium");
            var rows = new TateArtwork[t.RowCount];
            for (int i = 0; i < rows.Length; i++) rows[i] = new TateArtwork(id[i], artist[i], title[i], medium[i], year[i]);
            return rows;
        }
    }

    /// <summary>Small real social graphs for 10 people-you-may-know.</summary>
    public static class Graphs
    {
        /// <summary>Coleman's friendship nominations, file relative to the data folder.</summary>
        public const string ColemanPath = "pymk/coleman_friendship_edges.csv";

        /// <summary>Number of boys in Coleman's study (some have no nominations in either wave).</summary>
        public const int ColemanBoys = 73;

        /// <summary>
        /// Coleman (1964): 73 boys' friendship nominations in autumn 1957 (243 directed edges) and spring 1958
        /// (263). Nodes are named "1".."73" as in the original study; indices are name − 1.
        /// </summary>
        public static ColemanFriendship Coleman()
        {
            var t = Csv.Read(File(ColemanPath));
            string[] wave = t.Strings("wave");
            int[] from = t.Ints("from"), to = t.Ints("to");
            var nodes = Enumerable.Range(1, ColemanBoys).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var fall = new List<GraphEdge>();
            var spring = new List<GraphEdge>();
            for (int i = 0; i < wave.Length; i++)
            {
                if (from[i] < 1 || from[i] > ColemanBoys || to[i] < 1 || to[i] > ColemanBoys)
                    throw new CsvFormatException(t.Source, t.LineOf(i), 2, $"node ids must be in 1..{ColemanBoys}, found {from[i]} → {to[i]}.");
                var edge = new GraphEdge(from[i] - 1, to[i] - 1);
                if (wave[i] == "Fall") fall.Add(edge);
                else if (wave[i] == "Spring") spring.Add(edge);
                else throw new CsvFormatException(t.Source, t.LineOf(i), 1, $"column \"wave\": expected Fall or Spring, found \"{wave[i]}\".", wave[i]);
            }
            return new ColemanFriendship(new Graph("coleman-fall-1957", nodes, fall, isDirected: true),
                                         new Graph("coleman-spring-1958", nodes, spring, isDirected: true));
        }

        /// <summary>Zachary's karate club (1977): 34 members, 78 weighted ties, node attribute "club" (Mr. Hi / Officer) after the split.</summary>
        public static Graph Karate() => Load("karate", "pymk/karate_nodes.csv", "pymk/karate_edges.csv");

        /// <summary>Les Misérables character co-occurrence (Knuth 1993): 77 characters, 254 weighted edges.</summary>
        public static Graph LesMis() => Load("lesmis", "pymk/lesmis_nodes.csv", "pymk/lesmis_edges.csv");

        private static Graph Load(string name, string nodesPath, string edgesPath)
        {
            var nt = Csv.Read(File(nodesPath));
            var et = Csv.Read(File(edgesPath));
            string[] nodes = nt.Strings("node");
            var attributes = nt.Header.Where(h => h != "node").ToDictionary(h => h, h => nt.Strings(h));
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < nodes.Length; i++) index[nodes[i]] = i;
            string[] source = et.Strings("source"), target = et.Strings("target");
            double[] weight = et.Doubles("weight");
            var edges = new GraphEdge[source.Length];
            for (int i = 0; i < edges.Length; i++)
            {
                if (!index.TryGetValue(source[i], out int s)) throw new CsvFormatException(et.Source, et.LineOf(i), 1, $"unknown node \"{source[i]}\" (not in {nt.Source}).", source[i]);
                if (!index.TryGetValue(target[i], out int d)) throw new CsvFormatException(et.Source, et.LineOf(i), 2, $"unknown node \"{target[i]}\" (not in {nt.Source}).", target[i]);
                edges[i] = new GraphEdge(s, d, weight[i]);
            }
            return new Graph(name, nodes, edges, isDirected: false, attributes);
        }
    }

    /// <summary>The stop-word list file, relative to the data folder.</summary>
    public const string StopwordsPath = "text/stopwords_en.json";

    /// <summary>301 English stop words (lower case), from the stdlib-js stop-word list.</summary>
    public static IReadOnlySet<string> Stopwords()
    {
        string path = File(StopwordsPath);
        using var json = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        if (json.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{System.IO.Path.GetFileName(path)}: expected a JSON array of strings.");
        var words = new List<string>();
        foreach (var item in json.RootElement.EnumerateArray())
            words.Add(item.GetString() ?? throw new InvalidDataException($"{System.IO.Path.GetFileName(path)}: expected only strings in the array."));
        return words.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The astronaut photo file, relative to the data folder.</summary>
    public const string AstronautPath = "street-view/astronaut.png";

    /// <summary>NASA's portrait of astronaut Eileen Collins: a 512×512 RGB photo with one face, the real image 02 blurs.</summary>
    public static RasterImage Astronaut() => Png.Read(File(AstronautPath));

    /// <summary>Verified path of OpenCV's pretrained Viola–Jones frontal-face cascade (XML), a baseline detector for 02.</summary>
    public static string FrontalFaceCascadePath() => File("street-view/haarcascade_frontalface_default.xml");

    /// <summary>Verified path of OpenCV's pretrained (Russian) licence-plate cascade (XML), a baseline detector for 02.</summary>
    public static string LicencePlateCascadePath() => File("street-view/haarcascade_russian_plate_number.xml");
}
