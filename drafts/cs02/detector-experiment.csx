var sw = System.Diagnostics.Stopwatch.StartNew();
var world = StreetViewWorld.Generate();
int W = world.Options.Width, H = world.Options.Height;
var train = world.Frames.Where(f => f.Day < 6).Select(f => f.FrameId).ToList();
var test = world.Frames.Where(f => f.Day >= 6).Select(f => f.FrameId).ToList();
var imgs = world.Frames.Select(f => world.Pixels(f.FrameId).Pixels).ToList();
Console.WriteLine($"render {sw.ElapsedMilliseconds} ms, train {train.Count} test {test.Count}");
var hog = new HistogramOfOrientedGradients(9, 4, 2);
var rng = new Random(1);
(SlidingWindowDetector, SlidingWindowDetector) Train(string cls, int ww, int wh, double[] scales, bool mine)
{
    var det = new SlidingWindowDetector(cls == "face" ? 0 : 1, ww, wh, hog, scales);
    var pos = new List<float[]>(); var neg = new List<float[]>();
    foreach (int f in train)
    {
        var objs = world.ObjectsIn(f);
        foreach (var o in objs.Where(o => o.Class == cls)) { pos.Add(det.Describe(imgs[f], W, H, o.Box)); }
        for (int k = 0; k < 10; k++)
        {
            double bw = ww / scales[rng.Next(scales.Length)], bh = bw * wh / ww;
            double x = rng.NextDouble() * (W - bw), y = rng.NextDouble() * (H - bh);
            var b = new Box(x, y, x + bw, y + bh);
            if (objs.Any(o => Detection.IoU(o.Box, b) > 0)) continue;
            neg.Add(det.Describe(imgs[f], W, H, b));
        }
    }
    det.Fit(pos, neg, new LogisticRegression { Epochs = 30, C = 1, Alpha = 0.5 });
    if (!mine) return (det, det);
    var trainImgs = train.Select(f => imgs[f]).ToList();
    var gts = train.SelectMany((f, i) => world.ObjectsIn(f).Select(o => new GroundTruthBox(i, o.Box, o.ClassId))).ToList();
    var hard = det.MineHardNegatives(trainImgs, W, H, gts, perImage: 5, maxIoU: 0.01);
    var det2 = new SlidingWindowDetector(det.ClassId, ww, wh, hog, scales).Fit(pos, neg.Concat(hard).ToList(), new LogisticRegression { Epochs = 30, C = 1, Alpha = 0.5 });
    Console.WriteLine($"{cls}: {pos.Count} pos, {neg.Count} neg, {hard.Count} hard");
    return (det, det2);
}
double Ap(SlidingWindowDetector det, double iou)
{
    var dets = new List<DetectedBox>();
    foreach (int f in test) dets.AddRange(NonMaximumSuppression.Apply(det.Detect(imgs[f], W, H, f, -2), 0.3));
    var gts = test.SelectMany(f => world.ObjectsIn(f)).Where(o => o.ClassId == det.ClassId).Select(o => o.ToGroundTruth()).ToList();
    return Detection.AveragePrecision(dets, gts, iou);
}
var (f1, f2) = Train("face", 12, 16, new[] { 1.33, 1.1, 0.9 }, true);
Console.WriteLine($"face AP@.5 {Ap(f1, .5):F3} -> mined {Ap(f2, .5):F3}; @.7 {Ap(f2, .7):F3}  {sw.ElapsedMilliseconds} ms");
var (p1, p2) = Train("plate", 32, 12, new[] { 1.45, 1.28, 1.14 }, true);
Console.WriteLine($"plate AP@.5 {Ap(p1, .5):F3} -> mined {Ap(p2, .5):F3}; @.7 {Ap(p2, .7):F3}  {sw.ElapsedMilliseconds} ms");
Console.WriteLine($"plate AP@.3 {Ap(p1, .3):F3} mined {Ap(p2, .3):F3}; AP@.1 {Ap(p1, .1):F3}");
// best IoU of any window (no score threshold) per test plate
var ious = new List<double>();
foreach (int f in test.Take(20))
{
    var all = p1.Detect(imgs[f], W, H, f, double.NegativeInfinity);
    foreach (var o in world.ObjectsIn(f).Where(o => o.Class == "plate")) ious.Add(all.Max(d => Detection.IoU(d.Box, o.Box)));
}
Console.WriteLine($"best window IoU per plate: mean {ious.Average():F2}, share >= .5: {ious.Count(v => v >= .5) / (double)ious.Count:F2}");
// score of exact plate windows vs others
var posS = test.SelectMany(f => world.ObjectsIn(f).Where(o => o.Class == "plate").Select(o => p1.Score(p1.Describe(imgs[f], W, H, o.Box)))).ToList();
Console.WriteLine($"mean score of exact plate boxes {posS.Average():F2}, share > 0: {posS.Count(v => v > 0) / (double)posS.Count:F2}");
foreach (int f in test.Take(3))
{
    var d = NonMaximumSuppression.Apply(p1.Detect(imgs[f], W, H, f, -2), 0.3).Take(6);
    Console.WriteLine($"frame {f}: plates {string.Join(" ", world.ObjectsIn(f).Where(o => o.Class == "plate").Select(o => o.Box))}");
    Console.WriteLine("   top: " + string.Join(" ", d.Select(x => $"{x.Score:F1}{x.Box}")));
}
BlurPolicy policy = img => NonMaximumSuppression.Apply(p2.Detect(img.Pixels, img.Width, img.Height, 0, 0.5), 0.3).Select(d => d.Box).ToList();
foreach (int day in new[] { 9, 11 })
{
    var sim = world.Simulate(policy, day, seed: 5, frames: 80);
    var plates = sim.Objects.Select((o, i) => (o, i)).Where(t => t.o.Class == "plate").ToList();
    string Rec(string v) { var s = plates.Where(t => world.Truth.Variant(t.o) == v).ToList(); return s.Count == 0 ? "-" : $"{s.Count(t => sim.Blurred[t.i]) / (double)s.Count:F2} of {s.Count}"; }
    Console.WriteLine($"day {day}: {sim}; standard {Rec("standard")}, two-line {Rec("two-line")}");
}
