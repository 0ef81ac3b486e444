namespace Mlsd.Data.Worlds;

public sealed partial class StreetViewWorld
{
    /// <summary>
    /// The hidden side of a <see cref="StreetViewWorld"/>: each object's variant and the rates the simulator draws
    /// from. Reaching these through <c>world.Truth</c> marks a notebook line as simulator-only.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly StreetViewWorld _world;

        internal GroundTruth(StreetViewWorld world) => _world = world;

        /// <summary>Plate variants: the one in the log, and the one that appears from the shift day.</summary>
        public static IReadOnlyList<string> PlateVariants { get; } = Array.AsReadOnly(["standard", "two-line"]);

        /// <summary>Face variants: both eyes visible, or one (a quarter of faces).</summary>
        public static IReadOnlyList<string> FaceVariants { get; } = Array.AsReadOnly(["frontal", "profile"]);

        /// <summary>The variant of a face (frontal/profile) or plate (standard/two-line), logged or simulated.</summary>
        /// <exception cref="ArgumentNullException">A null object.</exception>
        public string Variant(StreetObject obj)
        {
            ArgumentNullException.ThrowIfNull(obj);
            return obj.Variant;
        }

        /// <summary>Share of plates in the two-line style on <paramref name="day"/>: 0 before the shift day,
        /// <see cref="StreetViewWorldOptions.ShiftShare"/> from it on.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A day outside 0 … TotalDays − 1.</exception>
        public double TwoLinePlateShare(int day)
        {
            WorldChecks.Day(day, _world.TotalDays);
            return _world.TwoLineShare(day);
        }

        /// <summary>Chance that viewers report one unblurred object of a published frame.</summary>
        public double ReportProbability => _world.Options.ReportProbability;
    }
}
