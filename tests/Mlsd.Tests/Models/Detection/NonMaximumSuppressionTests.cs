using Mlsd.Metrics;
using Mlsd.Models;

namespace Mlsd.Tests.Models.Detection;

public class NonMaximumSuppressionTests
{
    private static DetectedBox D(double x1, double y1, double x2, double y2, double score, int image = 0, int cls = 0) =>
        new(image, new Box(x1, y1, x2, y2), score, cls);

    [Fact]
    public void DocExample_ByHand()
    {
        // A and B: intersection [1,1,10,10] = 81, union 100 + 100 − 81 = 119 → IoU 0.6807.
        DetectedBox a = D(0, 0, 10, 10, 0.9), b = D(1, 1, 11, 11, 0.8), c = D(20, 20, 30, 30, 0.7);
        Assert.Equal([a, c], NonMaximumSuppression.Apply([b, c, a], 0.5));
        Assert.Equal([a, b, c], NonMaximumSuppression.Apply([b, c, a], 0.7));
    }

    [Fact]
    public void SuppressedBoxSuppressesNothing()
    {
        // A–B and B–C overlap with IoU 50 / 150 = 1/3; A and C do not touch. At 0.3, B goes; C stays because only
        // kept boxes (A) can suppress it.
        DetectedBox a = D(0, 0, 10, 10, 0.9), b = D(5, 0, 15, 10, 0.8), c = D(10, 0, 20, 10, 0.7);
        Assert.Equal([a, c], NonMaximumSuppression.Apply([a, b, c], 0.3));
        Assert.Equal([a, b, c], NonMaximumSuppression.Apply([a, b, c], 0.34));
    }

    [Fact]
    public void IoUEqualToThreshold_IsKept()
    {
        // [0,0,2,2] and [1,1,3,3]: IoU exactly 1/7; only IoU strictly above the threshold suppresses.
        DetectedBox a = D(0, 0, 2, 2, 0.9), b = D(1, 1, 3, 3, 0.8);
        Assert.Equal([a, b], NonMaximumSuppression.Apply([a, b], 1.0 / 7));
        Assert.Equal([a], NonMaximumSuppression.Apply([a, b], 0.14));
    }

    [Fact]
    public void ImagesAndClassesAreSeparate_UnlessClassAgnostic()
    {
        DetectedBox face = D(0, 0, 10, 10, 0.9, cls: 0), plate = D(0, 0, 10, 9, 0.8, cls: 1);
        DetectedBox otherImage = D(0, 0, 10, 10, 0.7, image: 1);
        Assert.Equal([face, plate, otherImage], NonMaximumSuppression.Apply([face, plate, otherImage], 0.5));
        // IoU face–plate = 90 / 100 = 0.9: one label per region when class-agnostic.
        Assert.Equal([face, otherImage], NonMaximumSuppression.Apply([face, plate, otherImage], 0.5, classAware: false));
    }

    [Fact]
    public void TiesKeepInputOrder_AndCapPerImage()
    {
        DetectedBox first = D(0, 0, 10, 10, 0.5), second = D(0, 0, 10, 10, 0.5);
        Assert.Equal([first], NonMaximumSuppression.Apply([first, second], 0.5));
        Assert.Equal([second], NonMaximumSuppression.Apply([second, first], 0.5));
        DetectedBox p = D(0, 0, 1, 1, 0.9), q = D(5, 5, 6, 6, 0.8), r = D(9, 9, 10, 10, 0.7), s = D(0, 0, 1, 1, 0.6, image: 2);
        Assert.Equal([p, q, s], NonMaximumSuppression.Apply([s, r, q, p], 0.5, maxPerImage: 2));
        Assert.Empty(NonMaximumSuppression.Apply([], 0.5));
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        DetectedBox ok = D(0, 0, 1, 1, 0.5);
        Assert.Equal("iouThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => NonMaximumSuppression.Apply([ok], 1.5)).ParamName);
        Assert.Equal("iouThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => NonMaximumSuppression.Apply([ok], double.NaN)).ParamName);
        Assert.Equal("maxPerImage", Assert.Throws<ArgumentOutOfRangeException>(() => NonMaximumSuppression.Apply([ok], 0.5, maxPerImage: 0)).ParamName);
        Assert.Equal("detections", Assert.Throws<ArgumentException>(() => NonMaximumSuppression.Apply([D(0, 0, 1, 1, double.NaN)])).ParamName);
        Assert.Equal("detections[0].Box", Assert.Throws<ArgumentException>(() => NonMaximumSuppression.Apply([D(2, 0, 1, 1, 0.5)])).ParamName);
        Assert.Throws<ArgumentNullException>(() => NonMaximumSuppression.Apply(null!));
    }
}
