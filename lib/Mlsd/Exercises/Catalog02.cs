using Mlsd.Metrics;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 02 · Street View blurring.</summary>
    private static void Register02()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<Box, Box, double>>(
            "02.iou", "(Box a, Box b) → double",
            // By hand: [0,0,10,10] and [5,0,15,10] share 5 × 10 = 50 of 100 + 100 − 50 = 150 → 1/3.
            ("half-overlapping boxes", f => Expect.Close(f(new(0, 0, 10, 10), new(5, 0, 15, 10)), 1.0 / 3),
                "IoU = area of the intersection / area of the union, and the union counts the overlap once."),
            ("one box inside the other", f => Expect.Close(f(new(0, 0, 10, 10), new(2, 2, 7, 7)), 0.25),
                "The 5 × 5 box lies inside the 10 × 10 one: 25 / 100."),
            ("disjoint boxes", f => Expect.Close(f(new(0, 0, 4, 4), new(10, 10, 12, 12)), 0),
                "Boxes that do not overlap have IoU 0 — clamp negative widths and heights to 0."),
            ("boxes that only touch", f => Expect.Close(f(new(0, 0, 4, 4), new(4, 0, 8, 4)), 0),
                "Sharing an edge is no overlap: the intersection has width 0."),
            ("disjoint in y only", f => Expect.Close(f(new(0, 0, 10, 4), new(2, 8, 6, 12)), 0),
                "Overlapping in x but not in y is still no overlap — both widths must be positive."),
            ("symmetric", f => Expect.Close(f(new(5, 0, 15, 10), new(0, 0, 10, 10)), 1.0 / 3), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<Box[], double[], double, int[]>>(
            "02.nms", "(Box[] boxes, double[] scores, double iouThreshold) → int[]",
            // By hand: A = [0,0,10,10] (0.9), B = [1,1,11,11] (0.8, IoU with A 81/119 = 0.68), C = [20,20,30,30] (0.7).
            ("a duplicate is dropped", f => SameIndices(f(NmsAbc, [0.9, 0.8, 0.7], 0.5), [0, 2]),
                "Sort by score; keep a box unless its IoU with a box already kept is above the threshold."),
            ("a high threshold keeps all", f => SameIndices(f(NmsAbc, [0.9, 0.8, 0.7], 0.7), [0, 1, 2]),
                "0.68 is not above 0.7, so B survives."),
            ("the best box comes first", f => SameIndices(f(NmsAbc, [0.5, 0.6, 0.9], 0.5), [2, 1]),
                "Return the kept indices in decreasing score order (C, then B); B outranks A and suppresses it."),
            ("a suppressed box suppresses nothing", f => SameIndices(f(NmsChain, [0.9, 0.8, 0.7], 0.3), [0, 2]),
                "A suppresses B; C overlaps only B, which was dropped, so C is kept."),
            ("exactly at the threshold is kept", f => SameIndices(f([new(0, 0, 10, 10), new(5, 0, 15, 10)], [0.9, 0.8], 1.0 / 3), [0, 1]),
                "Drop a box only when its IoU is strictly above the threshold."),
            ("no boxes", f => SameIndices(f([], [], 0.5), []), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<(double Padding, double FaceRecall, double PlateRecall, double OverBlur)[], double, int>>(
            "02.choose-padding", "((double Padding, double FaceRecall, double PlateRecall, double OverBlur)[] sweep, double minRecall) → int",
            ("the cheapest padding that meets the target", f => Expect.Close(f(PaddingSweep, 0.9), 2),
                "Keep the options whose face AND plate recall are both ≥ minRecall; of those, the least over-blur."),
            ("both classes must meet it", f => Expect.Close(f(PaddingSweep, 0.8), 1),
                "Option 0 blurs 85 % of faces but only 70 % of plates: it does not qualify."),
            ("the target is inclusive", f => Expect.Close(f(PaddingSweep, 0.95), 3), "A recall exactly at the target meets it."),
            ("nothing meets it", f => Expect.Close(f(PaddingSweep, 0.99), -1), "Return −1 when no option reaches the target."),
            ("the sweep need not be sorted", f => Expect.Close(f([PaddingSweep[3], PaddingSweep[2], PaddingSweep[0]], 0.9), 1),
                "Do not assume the cheapest option comes first: compare OverBlur.")));

        Exercise.Define(ExerciseDefinition.PredictVerdict("02.predict-nms",
            "At 0.7 two windows on the same face must overlap a lot before one suppresses the other, so several boxes " +
            "survive per object; average precision counts every box after the first match as a false positive, which " +
            "lowers precision at every recall level. Read the interval: if it excludes 0, its sign is the verdict."));
    }

    private static readonly Box[] NmsAbc = [new(0, 0, 10, 10), new(1, 1, 11, 11), new(20, 20, 30, 30)];

    // By hand: A = [0,0,10,10], B = [4,0,14,10] (A–B 60/140 = 0.43), C = [8,0,18,10] (B–C 0.43, A–C 20/180 = 0.11).
    private static readonly Box[] NmsChain = [new(0, 0, 10, 10), new(4, 0, 14, 10), new(8, 0, 18, 10)];

    // Four paddings: face and plate recall and over-blur, made up so each case has one right answer.
    private static readonly (double Padding, double FaceRecall, double PlateRecall, double OverBlur)[] PaddingSweep =
    [
        (0.0, 0.85, 0.70, 0.02),
        (0.1, 0.90, 0.82, 0.04),
        (0.2, 0.93, 0.91, 0.07),
        (0.4, 0.97, 0.95, 0.12),
    ];

    /// <summary>Null when the indices match; otherwise a message that shows the answer given, not the expected one.</summary>
    private static string? SameIndices(int[] actual, int[] expected) =>
        actual is not null && actual.SequenceEqual(expected) ? null
            : $"the kept indices [{(actual is null ? "null" : string.Join(", ", actual))}] are not right";
}
