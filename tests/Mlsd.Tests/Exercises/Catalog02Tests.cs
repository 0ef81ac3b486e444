using Mlsd.Exercises;
using Mlsd.Metrics;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 02's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public sealed class Catalog02Tests
{
    private static double Iou(Box a, Box b)
    {
        double w = Math.Max(0, Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1));
        double h = Math.Max(0, Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1));
        double i = w * h;
        return i / (a.Width * a.Height + b.Width * b.Height - i);
    }

    [Fact]
    public void IoU()
    {
        Func<Box, Box, double> unionTwice = (a, b) =>
        {
            double w = Math.Max(0, Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1));
            double h = Math.Max(0, Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1));
            return w * h / (a.Width * a.Height + b.Width * b.Height);
        };
        Func<Box, Box, double> noClamp = (a, b) =>
        {
            double w = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1), h = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
            return w * h / (a.Width * a.Height + b.Width * b.Height - w * h);
        };
        Assert.True(Exercise.Evaluate("02.iou", (Func<Box, Box, double>)Iou).Succeeded);
        Assert.Contains("✗ half-overlapping boxes", Exercise.Evaluate("02.iou", unionTwice).ToString());
        Assert.Contains("✗ disjoint in y only", Exercise.Evaluate("02.iou", noClamp).ToString());
    }

    private static int[] Nms(Box[] boxes, double[] scores, double threshold, bool suppressedSuppress = false, bool strict = true)
    {
        var order = Enumerable.Range(0, boxes.Length).OrderByDescending(i => scores[i]).ToArray();
        var kept = new List<int>();
        var dropped = new List<int>();
        foreach (int i in order)
        {
            var against = suppressedSuppress ? kept.Concat(dropped) : kept;
            if (against.Any(k => strict ? Iou(boxes[k], boxes[i]) > threshold : Iou(boxes[k], boxes[i]) >= threshold)) dropped.Add(i);
            else kept.Add(i);
        }
        return kept.ToArray();
    }

    [Fact]
    public void NonMaximumSuppression()
    {
        Assert.True(Exercise.Evaluate("02.nms", (Func<Box[], double[], double, int[]>)((b, s, t) => Nms(b, s, t))).Succeeded);
        var chain = Exercise.Evaluate("02.nms", (Func<Box[], double[], double, int[]>)((b, s, t) => Nms(b, s, t, suppressedSuppress: true)));
        Assert.Contains("✗ a suppressed box suppresses nothing", chain.ToString());
        var inclusive = Exercise.Evaluate("02.nms", (Func<Box[], double[], double, int[]>)((b, s, t) => Nms(b, s, t, strict: false)));
        Assert.Contains("✗ exactly at the threshold is kept", inclusive.ToString());
        Func<Box[], double[], double, int[]> inputOrder = (b, s, t) => Nms(b, s, t).Order().ToArray();
        Assert.Contains("✗ the best box comes first", Exercise.Evaluate("02.nms", inputOrder).ToString());
    }

    [Fact]
    public void ChoosePadding()
    {
        Func<(double Padding, double FaceRecall, double PlateRecall, double OverBlur)[], double, int> right = (sweep, target) =>
        {
            int best = -1;
            for (int i = 0; i < sweep.Length; i++)
                if (sweep[i].FaceRecall >= target && sweep[i].PlateRecall >= target && (best < 0 || sweep[i].OverBlur < sweep[best].OverBlur))
                    best = i;
            return best;
        };
        Func<(double Padding, double FaceRecall, double PlateRecall, double OverBlur)[], double, int> facesOnly = (sweep, target) =>
            Array.FindIndex(sweep, o => o.FaceRecall >= target);
        Func<(double Padding, double FaceRecall, double PlateRecall, double OverBlur)[], double, int> firstMeeting = (sweep, target) =>
            Array.FindIndex(sweep, o => o.FaceRecall >= target && o.PlateRecall >= target);
        Assert.True(Exercise.Evaluate("02.choose-padding", right).Succeeded);
        Assert.Contains("✗ both classes must meet it", Exercise.Evaluate("02.choose-padding", facesOnly).ToString());
        Assert.Contains("✗ the sweep need not be sorted", Exercise.Evaluate("02.choose-padding", firstMeeting).ToString());
    }

    [Fact]
    public void PredictionIsComparedWithTheRun()
    {
        var worse = new MetricDifference("mAP@0.5", 0.6, 0.5, -0.15, -0.05, 0.95, HigherIsBetter: true);
        Assert.True(Exercise.Evaluate("02.predict-nms", () => ("worse", worse)).Succeeded);
        Assert.Contains("✗ the prediction matches the run", Exercise.Evaluate("02.predict-nms", () => ("tie", worse)).ToString());
    }
}
