using System.Globalization;
using System.Text;
using Mlsd.Data;

namespace Mlsd.Features;

/// <summary>
/// Text normalisation, the first stage of every text pipeline (03 search, 04 harmful content, 09 feed): make
/// strings that mean the same thing look the same, so they share a token and an embedding row.
/// </summary>
/// <remarks>
/// Steps, each optional: Unicode NFKD compatibility decomposition with accents dropped (as scikit-learn's
/// <c>strip_accents="unicode"</c>), lower-casing, punctuation replaced by spaces, whitespace collapsed.
/// Manning, Raghavan &amp; Schütze, <i>Introduction to Information Retrieval</i> (2008), §2.2.
/// </remarks>
public sealed record TextNormalizer
{
    /// <summary>Lower-case (invariant culture).</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Decompose (NFKD) and drop combining marks: "Phaëthon" → "Phaethon", "ﬁ" → "fi".</summary>
    public bool StripAccents { get; init; } = true;

    /// <summary>Replace Unicode punctuation (categories P*) by a space, so "don't" → "don t" and "e-mail" → "e mail".</summary>
    public bool RemovePunctuation { get; init; } = true;

    /// <summary>Collapse runs of whitespace into one space and trim the ends.</summary>
    public bool CollapseWhitespace { get; init; } = true;

    /// <summary>All steps on.</summary>
    public static TextNormalizer Default { get; } = new();

    /// <summary>Normalises <paramref name="text"/>.</summary>
    /// <example>Default.Normalize("  Café — CRÈME brûlée!! ") → "cafe creme brulee".</example>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Hot loop (runs over every character of a corpus): settings in locals, an ASCII fast path with table lookups.
        bool lower = Lowercase, strip = StripAccents, punct = RemovePunctuation, collapse = CollapseWhitespace;
        var table = s_asciiClass;
        var buffer = new char[text.Length + 16];
        int length = 0;
        bool pendingSpace = false;
        StringBuilder? folded = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                byte kind = table[c];
                if (lower && kind == Upper) c = (char)(c | 0x20);
                else if ((punct && kind == Punct) || (collapse && kind == Space))
                {
                    if (collapse) { pendingSpace = length > 0; continue; }
                    c = ' ';
                }
                if (pendingSpace) { buffer[length++] = ' '; pendingSpace = false; }
                buffer[length++] = c;
                if (length >= buffer.Length - 4) Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }
            if (strip)
            {
                folded ??= new StringBuilder(4);
                folded.Clear();
                AccentFolding.Fold([c], folded);
                for (int k = 0; k < folded.Length; k++) EmitSlow(folded[k], lower, punct, collapse, ref buffer, ref length, ref pendingSpace);
            }
            else EmitSlow(c, lower, punct, collapse, ref buffer, ref length, ref pendingSpace);
        }
        return new string(buffer, 0, length);
    }

    private static void EmitSlow(char c, bool lower, bool punct, bool collapse, ref char[] buffer, ref int length, ref bool pendingSpace)
    {
        if (lower) c = char.ToLowerInvariant(c);
        if (punct && IsPunctuation(c)) c = ' ';
        if (collapse && char.IsWhiteSpace(c))
        {
            pendingSpace = length > 0;
            return;
        }
        if (pendingSpace) { buffer[length++] = ' '; pendingSpace = false; }
        buffer[length++] = c;
        if (length >= buffer.Length - 4) Array.Resize(ref buffer, buffer.Length * 2);
    }

    private const byte Other = 0, Upper = 1, Punct = 2, Space = 3;
    private static readonly byte[] s_asciiClass = BuildAsciiClasses();

    private static byte[] BuildAsciiClasses()
    {
        var table = new byte[128];
        for (char c = '\0'; c < 128; c++)
            table[c] = c is >= 'A' and <= 'Z' ? Upper : char.IsWhiteSpace(c) ? Space : IsAsciiPunctuation(c) ? Punct : Other;
        return table;
    }

    private static bool IsPunctuation(char c) => c < 0x80 ? IsAsciiPunctuation(c) : char.GetUnicodeCategory(c) is
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or
        UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or
        UnicodeCategory.OtherPunctuation;

    // ASCII punctuation in Unicode's P* categories: !"#%&'()*,-./:;?@[\]_{} — but not the symbols $+<=>^`|~ (S*).
    private static bool IsAsciiPunctuation(char c) => c is '!' or '"' or '#' or '%' or '&' or '\'' or '(' or ')' or '*' or ',' or '-' or '.' or '/'
        or ':' or ';' or '?' or '@' or '[' or '\\' or ']' or '_' or '{' or '}';
}

/// <summary>
/// Tokenisation: text → words → n-grams. A word is a maximal run of letters, digits and underscores (what
/// Python's <c>\w</c> matches), so results line up with scikit-learn given the same token pattern.
/// </summary>
public static class Tokenizer
{
    /// <summary>Words of <paramref name="text"/> (no normalisation), keeping those at least <paramref name="minLength"/> characters long.</summary>
    /// <example>Words("the cat's 2 hats") → ["the", "cat", "s", "2", "hats"]; with minLength 2 → ["the", "cat", "hats"] (as sklearn's default pattern \b\w\w+\b).</example>
    public static string[] Words(string text, int minLength = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (minLength < 1) throw new ArgumentOutOfRangeException(nameof(minLength), minLength, "minLength must be at least 1.");
        var words = new List<string>();
        int i = 0, n = text.Length;
        while (i < n)
        {
            while (i < n && !IsWordChar(text[i])) i++;
            int start = i;
            while (i < n && IsWordChar(text[i])) i++;
            if (i - start >= minLength) words.Add(text[start..i]);
        }
        return words.ToArray();
    }

    /// <summary>The default pipeline: <see cref="TextNormalizer.Default"/> then <see cref="Words"/>.</summary>
    /// <example>Tokenize("Don't PANIC: café-bar!") → ["don", "t", "panic", "cafe", "bar"].</example>
    public static string[] Tokenize(string text) => Words(TextNormalizer.Default.Normalize(text));

    /// <summary>
    /// Word n-grams for n in [<paramref name="minN"/>, <paramref name="maxN"/>], joined by a space, ordered by n then
    /// position (the order scikit-learn produces).
    /// </summary>
    /// <example>NGrams(["a", "b", "c"], 1, 2) → ["a", "b", "c", "a b", "b c"].</example>
    public static string[] NGrams(IReadOnlyList<string> tokens, int minN, int maxN)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (minN < 1) throw new ArgumentOutOfRangeException(nameof(minN), minN, "minN must be at least 1.");
        if (maxN < minN) throw new ArgumentOutOfRangeException(nameof(maxN), maxN, $"maxN must be at least minN ({minN}).");
        var grams = new List<string>();
        for (int n = minN; n <= maxN; n++)
            for (int i = 0; i + n <= tokens.Count; i++)
                grams.Add(n == 1 ? tokens[i] : string.Join(' ', Enumerable.Range(i, n).Select(k => tokens[k])));
        return grams.ToArray();
    }

    /// <summary>Character n-grams of length <paramref name="n"/> (robust to typos and unseen words; used with hashing).</summary>
    /// <example>CharNGrams("cat", 2) → ["ca", "at"].</example>
    public static string[] CharNGrams(string text, int n)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        if (text.Length < n) return [];
        var grams = new string[text.Length - n + 1];
        for (int i = 0; i < grams.Length; i++) grams[i] = text.Substring(i, n);
        return grams;
    }

    private static bool IsWordChar(char c) =>
        c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_' : char.IsLetterOrDigit(c);
}

/// <summary>Stop-word removal: drop the very frequent function words that carry little meaning for retrieval or topic models.</summary>
public static class StopWords
{
    // PublicationOnly: a failed first load (say, a damaged data file) is retried next time instead of cached.
    private static readonly Lazy<IReadOnlySet<string>> s_english = new(Datasets.Stopwords, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The bundled 301-word English list (<c>data/text/stopwords_en.json</c>), loaded once.</summary>
    public static IReadOnlySet<string> English => s_english.Value;

    /// <summary>The tokens not in <paramref name="stopWords"/> (default: <see cref="English"/>), order kept.</summary>
    /// <example>Remove(["the", "cat", "sat", "on", "the", "mat"]) → ["cat", "sat", "mat"].</example>
    public static string[] Remove(IReadOnlyList<string> tokens, IReadOnlySet<string>? stopWords = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var set = stopWords ?? English;
        var kept = new List<string>(tokens.Count);
        foreach (var t in tokens) if (!set.Contains(t)) kept.Add(t);
        return kept.ToArray();
    }
}
