using System.Runtime.CompilerServices;

namespace Mlsd.Data.Worlds;

public sealed partial class StreetViewWorld
{
    /// <summary>An object placed in a scene: its class, its box and its hidden variant.</summary>
    private readonly record struct Placed(string Class, int X1, int Y1, int X2, int Y2, string Variant);

    /// <summary>
    /// One frame's scene: what is drawn where, drawn from the frame's own random stream — so the objects table and
    /// the pixels (rendered on demand, never stored) come from the same draws, and a simulated frame is the same
    /// frame for every policy.
    /// </summary>
    private sealed class Scene
    {
        private readonly List<Action<float[]>> _draw = [];
        private readonly int _width, _height;

        public Scene(int width, int height) { _width = width; _height = height; }

        public List<Placed> Objects { get; } = [];
        public float Contrast { get; set; } = 1;
        public float Brightness { get; set; }
        public int NoiseKey { get; set; }

        public void Rect(int x1, int y1, int x2, int y2, float value) => _draw.Add(p => FillRect(p, x1, y1, x2, y2, value));
        public void Ellipse(double cx, double cy, double rx, double ry, float value) => _draw.Add(p => FillEllipse(p, cx, cy, rx, ry, value));

        /// <summary>Rasterises the scene: shapes in order, then the light (contrast about mid-grey, brightness) and
        /// sensor noise (σ 0.03), clamped to [0, 1].</summary>
        [MethodImpl(Jit.Hot)]
        public float[] Render(int seed)
        {
            var pixels = new float[_width * _height];
            foreach (var draw in _draw) draw(pixels);
            var noise = new SplitMix64(seed, NoiseKey);
            for (int i = 0; i < pixels.Length; i++)
            {
                double v = 0.5 + (pixels[i] - 0.5) * Contrast + Brightness + 0.03 * noise.Normal();
                pixels[i] = (float)Math.Clamp(v, 0, 1);
            }
            return pixels;
        }

        private void FillRect(float[] p, int x1, int y1, int x2, int y2, float value)
        {
            x1 = Math.Max(x1, 0); y1 = Math.Max(y1, 0); x2 = Math.Min(x2, _width); y2 = Math.Min(y2, _height);
            for (int y = y1; y < y2; y++) p.AsSpan(y * _width + x1, Math.Max(0, x2 - x1)).Fill(value);
        }

        private void FillEllipse(float[] p, double cx, double cy, double rx, double ry, float value)
        {
            int y1 = Math.Max(0, (int)Math.Floor(cy - ry)), y2 = Math.Min(_height - 1, (int)Math.Ceiling(cy + ry));
            int x1 = Math.Max(0, (int)Math.Floor(cx - rx)), x2 = Math.Min(_width - 1, (int)Math.Ceiling(cx + rx));
            for (int y = y1; y <= y2; y++)
                for (int x = x1; x <= x2; x++)
                {
                    double dx = (x + 0.5 - cx) / rx, dy = (y + 0.5 - cy) / ry;
                    if (dx * dx + dy * dy <= 1) p[y * _width + x] = value;
                }
        }
    }

    /// <summary>The light conditions and their (contrast, brightness) — dusk halves the contrast, the hardest case.</summary>
    private static readonly (float Contrast, float Brightness)[] LightEffects = [(1f, 0f), (0.8f, 0.03f), (0.5f, -0.12f)];
    private static readonly double[] LightWeights = [0.6, 0.25, 0.15];

    /// <summary>
    /// Draws a scene: sky, a row of buildings with windows and shop signs (plate-like clutter), the road, round street
    /// signs on poles (face-like clutter), parked cars with their plates, and pedestrians with their faces.
    /// </summary>
    private static Scene Compose(StreetViewWorldOptions o, ref SplitMix64 rng, int light, double twoLineShare, int noiseKey)
    {
        int w = o.Width, h = o.Height;
        var scene = new Scene(w, h) { Contrast = LightEffects[light].Contrast, Brightness = LightEffects[light].Brightness, NoiseKey = noiseKey };
        int horizon = (int)(h * (0.28 + 0.1 * rng.Uniform())), roadTop = (int)(h * (0.66 + 0.08 * rng.Uniform()));
        scene.Rect(0, 0, w, horizon, (float)(0.78 + 0.1 * rng.Uniform()));
        scene.Rect(0, horizon, w, roadTop, 0.75f);
        for (int x = 0; x < w;)
        {
            int bw = 18 + rng.Below(20), top = 4 + rng.Below(Math.Max(1, horizon - 4));
            float tone = (float)(0.3 + 0.3 * rng.Uniform());
            scene.Rect(x, top, x + bw, roadTop, tone);
            int pitch = 10 + rng.Below(4);
            float windowTone = rng.Uniform() < 0.5 ? tone - 0.2f : tone + 0.25f;
            for (int wy = top + 3; wy + 9 < roadTop - 12; wy += pitch + 3)
                for (int wx = x + 3; wx + 5 < x + bw - 2; wx += pitch) scene.Rect(wx, wy, wx + 5, wy + 9, windowTone);
            if (rng.Uniform() < 0.5 && bw >= 30) ShopSign(scene, ref rng, x + 1 + rng.Below(bw - 28), roadTop - 16 - rng.Below(6));
            x += bw;
        }
        scene.Rect(0, roadTop, w, h, 0.35f);
        for (int x = rng.Below(10); x < w; x += 16) scene.Rect(x, (roadTop + h) / 2, x + 8, (roadTop + h) / 2 + 1, 0.8f);
        int signs = Math.Min(4, rng.Poisson(o.SignsPerFrame));
        for (int i = 0; i < signs; i++) RoundSign(scene, ref rng, 6 + rng.Below(w - 12), roadTop);
        int cars = Math.Min(4, rng.Poisson(o.CarsPerFrame));
        for (int i = 0; i < cars; i++) Car(scene, ref rng, w, h, roadTop, twoLineShare);
        int people = Math.Min(6, rng.Poisson(o.PedestriansPerFrame));
        for (int i = 0; i < people; i++) Pedestrian(scene, ref rng, w, roadTop);
        return scene;
    }

    /// <summary>A shop sign: a light board with dark letter strokes, like a plate's but twice its size — a plate
    /// detector must tell them apart by shape and scale, which hard negatives teach it.</summary>
    private static void ShopSign(Scene scene, ref SplitMix64 rng, int x, int y)
    {
        int sw = 26 + rng.Below(10), sh = 10 + rng.Below(3);
        scene.Rect(x, y, x + sw, y + sh, 0.88f);
        for (int sx = x + 2; sx < x + sw - 2; sx += 3 + rng.Below(2)) scene.Rect(sx, y + 2, sx + 2, y + sh - 2, 0.15f);
    }

    /// <summary>A disc on a pole with a dark rim and a bar across: round and light like a face.</summary>
    private static void RoundSign(Scene scene, ref SplitMix64 rng, int cx, int roadTop)
    {
        double r = 4.5 + 3 * rng.Uniform();
        int cy = roadTop - 14 - rng.Below(10);
        scene.Rect(cx - 1, cy, cx + 1, roadTop + 2, 0.25f);
        scene.Ellipse(cx, cy, r, r, 0.15f);
        scene.Ellipse(cx, cy, r - 1.5, r - 1.5, 0.85f);
        scene.Rect((int)(cx - r + 2), cy, (int)(cx + r - 1), cy + 2, 0.2f);
    }

    /// <summary>A parked car seen from behind: body, rear window, wheels, and the plate (the object to blur).</summary>
    private static void Car(Scene scene, ref SplitMix64 rng, int w, int h, int roadTop, double twoLineShare)
    {
        int cw = 40 + rng.Below(14), ch = 16 + rng.Below(5);
        int x = rng.Below(Math.Max(1, w - cw)), bottom = Math.Min(h - 3, roadTop + 8 + rng.Below(Math.Max(1, h - roadTop - 10)));
        float body = (float)(0.15 + 0.55 * rng.Uniform());
        scene.Ellipse(x + 6, bottom - 1, 4, 4, 0.08f);
        scene.Ellipse(x + cw - 6, bottom - 1, 4, 4, 0.08f);
        scene.Rect(x, bottom - ch, x + cw, bottom - 2, body);
        scene.Rect(x + 5, bottom - ch - 6, x + cw - 5, bottom - ch + 1, body * 0.6f);
        bool twoLine = rng.Uniform() < twoLineShare;
        int pw = twoLine ? 18 + rng.Below(5) : 22 + rng.Below(7), ph = twoLine ? 14 + rng.Below(3) : 8 + rng.Below(2);
        int px = x + (cw - pw) / 2 + rng.Below(3) - 1, py = bottom - 3 - ph - rng.Below(3);
        scene.Rect(px, py, px + pw, py + ph, 0.15f);              // the frame
        scene.Rect(px + 1, py + 1, px + pw - 1, py + ph - 1, 0.92f);
        int rows = twoLine ? 2 : 1, rowHeight = (ph - 2) / rows;
        for (int row = 0; row < rows; row++)
        {
            int top = py + 1 + row * rowHeight + 1, bottom2 = py + 1 + (row + 1) * rowHeight - 1;
            for (int gx = px + 3; gx + 2 <= px + pw - 3; gx += 4)   // glyphs: 2-pixel strokes, 2-pixel gaps
                scene.Rect(gx, top + (rng.Uniform() < 0.2 ? 1 : 0), gx + 2, bottom2, 0.1f);
        }
        scene.Objects.Add(new Placed("plate", px, py, px + pw, py + ph, twoLine ? "two-line" : "standard"));
    }

    /// <summary>A pedestrian: body, then the head — a skin-toned ellipse with hair, eyes and mouth (the face to blur).
    /// A quarter are in profile: one eye, shifted to the side.</summary>
    private static void Pedestrian(Scene scene, ref SplitMix64 rng, int w, int roadTop)
    {
        double fw = 9 + 5 * rng.Uniform(), fh = fw * (1.2 + 0.1 * rng.Uniform());
        double cx = fw / 2 + rng.Uniform() * (w - fw);
        int feet = roadTop - 2 + rng.Below(10);
        int bodyH = 18 + rng.Below(10), bodyW = 7 + rng.Below(5);
        int bodyTop = feet - bodyH;
        scene.Rect((int)(cx - bodyW / 2.0), bodyTop, (int)(cx + bodyW / 2.0), feet, (float)(0.1 + 0.5 * rng.Uniform()));
        double cy = bodyTop - fh / 2;
        float skin = (float)(0.55 + 0.25 * rng.Uniform()), hair = (float)(0.08 + 0.25 * rng.Uniform());
        scene.Ellipse(cx, cy - fh * 0.08, fw / 2 + 0.5, fh / 2 + 0.3, hair);
        scene.Ellipse(cx, cy + fh * 0.1, fw / 2, fh * 0.42, skin);
        bool profile = rng.Uniform() < 0.25;
        double side = rng.Uniform() < 0.5 ? -1 : 1;
        int eyeY = (int)(cy - fh * 0.02);
        double eyeDx = fw * 0.2;
        if (profile) scene.Rect((int)(cx + side * eyeDx) - 1, eyeY, (int)(cx + side * eyeDx) + 1, eyeY + 2, 0.1f);
        else
        {
            scene.Rect((int)(cx - eyeDx) - 1, eyeY, (int)(cx - eyeDx) + 1, eyeY + 2, 0.1f);
            scene.Rect((int)(cx + eyeDx) - 1, eyeY, (int)(cx + eyeDx) + 1, eyeY + 2, 0.1f);
        }
        int mouthY = (int)(cy + fh * 0.3);
        double mouthX = profile ? cx + side * fw * 0.1 : cx;
        scene.Rect((int)(mouthX - fw * 0.17), mouthY, (int)(mouthX + fw * 0.17) + 1, mouthY + 1, 0.2f);
        scene.Objects.Add(new Placed("face", (int)Math.Floor(cx - fw / 2), (int)Math.Floor(cy - fh / 2),
            (int)Math.Ceiling(cx + fw / 2), (int)Math.Ceiling(cy + fh / 2), profile ? "profile" : "frontal"));
    }
}
