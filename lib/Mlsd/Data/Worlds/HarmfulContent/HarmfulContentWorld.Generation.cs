using System.Text;

namespace Mlsd.Data.Worlds;

// Generation: the private constructor runs one stage per method, in a fixed order, each from its own forked sampler,
// so changing how the log is drawn leaves the authors and the corpus split alone.
public sealed partial class HarmfulContentWorld
{
    /// <summary>Characters of an e-mail body a post keeps.</summary>
    private const int PostBodyLength = 280;

    private static readonly double[] s_typeShare = [0.90, 0.035, 0.03, 0.0175, 0.0175];
    private static readonly double[] s_typeActivity = [1.0, 4.0, 2.5, 2.0, 2.5];
    private static readonly double[] s_surfaceShare = [0.45, 0.2, 0.25, 0.1];
    private static readonly double[] s_surfaceReach = [1.0, 0.8, 0.4, 0.6];
    private static readonly double[] s_countryShare = [0.25, 0.2, 0.12, 0.08, 0.07, 0.1, 0.1, 0.08];
    private static readonly double[] s_hourWeights =
        [1, 0.7, 0.5, 0.4, 0.4, 0.5, 0.8, 1.2, 1.5, 1.6, 1.6, 1.7, 1.8, 1.7, 1.6, 1.6, 1.7, 1.9, 2.1, 2.3, 2.4, 2.2, 1.8, 1.4];

    private readonly string[] _corpusText;
    private readonly bool[] _corpusIsSpam;
    private readonly int[][] _spamPool;   // per day: corpus indices of the spam e-mails assigned to that day
    private readonly int[][] _hamPool;
    private readonly float[,] _rotation;  // image latent → observed embedding
    private readonly int _outcomeSeed;

    private HarmfulContentWorld(int seed, HarmfulContentWorldOptions options, SpamAssassinMessage[] corpus)
    {
        Seed = seed;
        Options = options;
        var root = new Sampler(seed);
        var corpusSampler = root.Fork();
        var imageSampler = root.Fork();
        var authorSampler = root.Fork();
        var logSampler = root.Fork();
        _outcomeSeed = root.Fork().Next(int.MaxValue);

        (_corpusText, _corpusIsSpam) = ReadCorpus(corpus);
        (_spamPool, _hamPool) = AssignTextsToDays(corpusSampler, corpus, TotalDays);
        _rotation = DrawRotation(imageSampler, options.ImageDimensions);
        (_authors, _authorTraits) = DrawAuthors(authorSampler, options.Authors);
        (_posts, _outcomes) = DrawLog(logSampler);

        Authors = Array.AsReadOnly(_authors);
        Posts = Array.AsReadOnly(_posts);
        Outcomes = Array.AsReadOnly(_outcomes);
        Truth = new GroundTruth(this);
    }

    /// <summary>
    /// Stage 1: the texts a post can carry — each e-mail's subject, a newline and the first
    /// <see cref="PostBodyLength"/> characters of its body, cut at a word boundary (a post, not a letter) — and their labels.
    /// </summary>
    private static (string[] Text, bool[] IsSpam) ReadCorpus(SpamAssassinMessage[] corpus)
    {
        if (corpus.Length == 0) throw new InvalidDataException("The SpamAssassin corpus is empty.");
        var text = new string[corpus.Length];
        var spam = new bool[corpus.Length];
        for (int i = 0; i < corpus.Length; i++)
        {
            string body = corpus[i].Body;
            if (body.Length > PostBodyLength)
            {
                int cut = body.LastIndexOf(' ', PostBodyLength);
                body = body[..(cut > PostBodyLength / 2 ? cut : PostBodyLength)];
            }
            text[i] = corpus[i].Subject.Length == 0 ? body : corpus[i].Subject + "\n" + body;
            spam[i] = corpus[i].IsSpam;
        }
        return (text, spam);
    }

    /// <summary>
    /// Stage 2: every distinct body (the corpus repeats some) goes to exactly one day, dealt round-robin after a seeded
    /// shuffle, spam and ham separately — so each day has its own texts and a time split leaks none.
    /// </summary>
    private static (int[][] Spam, int[][] Ham) AssignTextsToDays(Sampler sampler, SpamAssassinMessage[] corpus, int days)
    {
        var firstByBody = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<List<int>>();
        for (int i = 0; i < corpus.Length; i++)
        {
            if (!firstByBody.TryGetValue(corpus[i].Body, out int g))
            {
                firstByBody[corpus[i].Body] = g = groups.Count;
                groups.Add([]);
            }
            groups[g].Add(i);
        }
        var spam = new List<int>[days];
        var ham = new List<int>[days];
        for (int d = 0; d < days; d++) (spam[d], ham[d]) = ([], []);
        var order = sampler.Permutation(groups.Count);
        int nextSpam = 0, nextHam = 0;
        foreach (int g in order)
        {
            // A body shared by spam and ham copies (one in the corpus) is dealt as spam only if all copies are spam.
            bool isSpam = groups[g].TrueForAll(i => corpus[i].IsSpam);
            var members = groups[g].Where(i => corpus[i].IsSpam == isSpam);
            if (isSpam) spam[nextSpam++ % days].AddRange(members);
            else ham[nextHam++ % days].AddRange(members);
        }
        for (int d = 0; d < days; d++)
            if (spam[d].Count == 0 || ham[d].Count == 0)
                throw new InvalidOperationException($"Day {d} received no spam or no ham text: the corpus is too small for {days} days.");
        return (spam.Select(l => l.ToArray()).ToArray(), ham.Select(l => l.ToArray()).ToArray());
    }

    /// <summary>Stage 3: a random rotation (Gram–Schmidt on Gaussian columns) that hides which image dimension means what.</summary>
    private static float[,] DrawRotation(Sampler sampler, int dims)
    {
        var q = new double[dims][];
        for (int j = 0; j < dims; j++)
        {
            var v = new double[dims];
            for (int i = 0; i < dims; i++) v[i] = sampler.Normal();
            for (int k = 0; k < j; k++)
            {
                double dot = 0;
                for (int i = 0; i < dims; i++) dot += v[i] * q[k][i];
                for (int i = 0; i < dims; i++) v[i] -= dot * q[k][i];
            }
            double norm = Math.Sqrt(v.Sum(x => x * x));
            for (int i = 0; i < dims; i++) v[i] /= norm;
            q[j] = v;
        }
        var r = new float[dims, dims];
        for (int i = 0; i < dims; i++)
            for (int j = 0; j < dims; j++) r[i, j] = (float)q[j][i];
        return r;
    }

    /// <summary>
    /// Stage 4: authors — a hidden type (normal 90 %, spammer, hater, violent, explicit), observable traits that lean with
    /// it (bad actors have younger accounts, fewer followers, more strikes on record), and a long-tailed activity.
    /// </summary>
    private static (PostAuthor[] Authors, AuthorTraits Traits) DrawAuthors(Sampler sampler, int count)
    {
        var authors = new PostAuthor[count];
        var type = new int[count];
        var propensity = new double[count][];
        var polarising = new bool[count];
        var weight = new double[count];
        for (int a = 0; a < count; a++)
        {
            int t = sampler.Categorical(s_typeShare);
            bool bad = t != 0;
            type[a] = t;
            propensity[a] = new double[ClassCount];
            for (int c = 1; c < ClassCount; c++) propensity[a][c] = sampler.Normal(0, 0.4) + (c == t ? TypeBoost : 0);
            polarising[a] = !bad && sampler.Bernoulli(0.08);
            int age = (int)Math.Round(Math.Exp(sampler.Normal(bad ? Math.Log(60) : Math.Log(900), 1.0)));
            int followers = (int)Math.Round(Math.Exp(sampler.Normal(bad ? Math.Log(40) : Math.Log(150), 1.1)));
            bool verified = !bad && sampler.Bernoulli(0.03);
            int strikes = sampler.Poisson(bad ? 1.6 : 0.08);
            string country = Countries[sampler.Categorical(s_countryShare)];
            authors[a] = new PostAuthor(a, country, Math.Max(1, age), followers, verified, strikes);
            weight[a] = s_typeActivity[t] * Math.Exp(sampler.Normal(0, 1.0));
        }
        var cdf = new double[count];
        double total = 0;
        for (int a = 0; a < count; a++) cdf[a] = total += weight[a];
        return (authors, new AuthorTraits(type, propensity, polarising, cdf));
    }

    /// <summary>Stage 5: the log — each day's posts drawn by <see cref="DrawPosts"/>, then their lives under the old
    /// reactive system (every post allowed; a report brings it to a reviewer).</summary>
    private (Post[] Posts, PostOutcome[] Outcomes) DrawLog(Sampler sampler)
    {
        var posts = new List<Post>(Options.Days * Options.PostsPerDay);
        for (int d = 0; d < Options.Days; d++) posts.AddRange(DrawPosts(sampler, d, Options.PostsPerDay, firstId: posts.Count));
        var allow = new ModerationDecision(ModerationAction.Allow);
        var outcomes = posts.Select(p => Live(p, allow, reviewedFromQueue: false, OutcomeSampler(_outcomeSeed, p.PostId))).ToArray();
        return ([.. posts], outcomes);
    }

    /// <summary>A day's posts in upload order (by hour, then draw order), with ids firstId, firstId + 1, ….</summary>
    private Post[] DrawPosts(Sampler sampler, int day, int count, int firstId)
    {
        var drawn = new Post[count];
        for (int i = 0; i < count; i++) drawn[i] = DrawPost(sampler, i, day);
        var ordered = drawn.OrderBy(p => p.Hour).ThenBy(p => p.PostId).ToArray();
        for (int i = 0; i < count; i++) ordered[i] = ordered[i] with { PostId = firstId + i };
        return ordered;
    }

    /// <summary>
    /// One post: an author by activity, surface and hour; its class from the prior; then what the class shows — the
    /// text (a spam e-mail, or a ham e-mail with marker words), the image, and the first hour's views and reactions.
    /// </summary>
    private Post DrawPost(Sampler sampler, int id, int day)
    {
        var cdf = _authorTraits.ActivityCdf;
        int author = Math.Min(SortedSearch.UpperBound<double>(cdf, sampler.Uniform() * cdf[^1]), cdf.Length - 1);
        int surface = sampler.Categorical(s_surfaceShare);
        int hour = sampler.Categorical(s_hourWeights);
        Span<double> logits = stackalloc double[ClassCount];
        PriorLogits(author, surface, hour, day, logits);
        double max = double.NegativeInfinity;
        foreach (double z in logits) max = Math.Max(max, z);
        var weights = new double[ClassCount];
        for (int k = 0; k < ClassCount; k++) weights[k] = Math.Exp(logits[k] - max);
        int c = sampler.Categorical(weights);

        var pool = c == 1 ? _spamPool[day] : _hamPool[day];
        int source = pool[sampler.Next(pool.Length)];
        bool coded = c == 2 && sampler.Bernoulli(CodedShare(day));
        var markers = new int[LexiconCount];
        for (int l = 0; l < LexiconCount; l++) markers[l] = sampler.Poisson(MarkerRate(c, l, coded, day));
        string text = InsertMarkers(sampler, _corpusText[source], markers);

        float[]? latent = null, image = null;
        if (sampler.Bernoulli(s_imageShare[c]))
        {
            int dims = Options.ImageDimensions;
            latent = new float[dims];
            for (int j = 0; j < dims; j++) latent[j] = (float)sampler.Normal();
            if (c > 0) latent[c - 1] += (float)s_imageSignal[c];
            image = new float[dims];
            for (int i = 0; i < dims; i++)
                for (int j = 0; j < dims; j++) image[i] += _rotation[i, j] * latent[j];
        }

        double reach = (2 + 0.6 * Math.Pow(_authors[author].Followers, 0.6)) * Math.Exp(sampler.Normal(0, 0.5)) * s_surfaceReach[surface];
        int views = sampler.Poisson(reach);
        var rate = s_reactionRate[c];
        int likes = sampler.Poisson(views * rate[0]), comments = sampler.Poisson(views * rate[1]);
        int shares = sampler.Poisson(views * rate[2]), hides = sampler.Poisson(views * rate[3]);
        return new Post(id, day, hour, author, Surfaces[surface], text, image is null ? null : Array.AsReadOnly(image),
            views, likes, comments, shares, hides) { Hidden = new HiddenPost(c, markers, coded, latent, source) };
    }

    /// <summary>Inserts the marker words (chosen uniformly within each lexicon) between words of the body, never into the subject.</summary>
    private static string InsertMarkers(Sampler sampler, string text, int[] markers)
    {
        int total = markers.Sum();
        if (total == 0) return text;
        int newline = text.IndexOf('\n');
        string subject = newline < 0 ? "" : text[..(newline + 1)];
        var words = new List<string>((newline < 0 ? text : text[(newline + 1)..]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        for (int l = 0; l < markers.Length; l++)
            for (int k = 0; k < markers[l]; k++)
                words.Insert(sampler.Next(words.Count + 1), s_lexicons[l][sampler.Next(s_lexicons[l].Length)]);
        return new StringBuilder(subject).AppendJoin(' ', words).ToString();
    }
}
