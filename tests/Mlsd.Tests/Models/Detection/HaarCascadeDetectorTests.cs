using Mlsd.Data;
using Mlsd.Metrics;
using Mlsd.Models;

namespace Mlsd.Tests.Models.Detection;

/// <summary>OpenCV's cascade through the wrapper, on the bundled photo whose one face we located by eye.</summary>
public sealed class HaarCascadeDetectorTests
{
    [Fact]
    public void FindsTheAstronautsFace()
    {
        using var faces = new HaarCascadeDetector(Datasets.FrontalFaceCascadePath(), classId: 0, minNeighbors: 5);
        var found = faces.Detect(Datasets.Astronaut(), imageId: 7);
        // Eileen Collins's face in the 512×512 portrait, boxed by eye from the image: brow to chin, ear to ear.
        var byEye = new Box(180, 70, 270, 165);
        var best = Assert.Single(found);
        Assert.True(Mlsd.Metrics.Detection.IoU(best.Box, byEye) > 0.7, $"{best.Box} vs {byEye}");
        Assert.Equal((7, 0), (best.ImageId, best.ClassId));
        Assert.True(best.Score > 0);
        // An empty grey image has no face.
        Assert.Empty(faces.Detect(new float[64 * 64].Select(_ => 0.5f).ToArray(), 64, 64));
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        Assert.Equal("cascadePath", Assert.Throws<ArgumentException>(() => new HaarCascadeDetector("/nonexistent.xml", 0)).ParamName);
        var notCascade = Path.GetTempFileName();
        File.WriteAllText(notCascade, "<opencv_storage></opencv_storage>");
        Assert.Equal("cascadePath", Assert.Throws<ArgumentException>(() => new HaarCascadeDetector(notCascade, 0)).ParamName);
        File.Delete(notCascade);
        Assert.Equal("scaleFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new HaarCascadeDetector(Datasets.FrontalFaceCascadePath(), 0, scaleFactor: 1)).ParamName);
        using var faces = new HaarCascadeDetector(Datasets.FrontalFaceCascadePath(), 0);
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => faces.Detect(new float[10], 4, 4)).ParamName);
    }
}
