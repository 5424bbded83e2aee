using Vigil.Vision.Detection;

namespace Vigil.Vision.Tests.Detection;

public sealed class DetectorOptionsTests
{
    [Fact]
    public void Validate_UnknownClassAndBadThreshold_NamesBoth()
    {
        var options = new DetectorOptions { Classes = ["person", "licence plate"], ScoreThreshold = 1.5f };

        string[] problems = options.Validate().ToArray();

        Assert.Contains(problems, p => p.Contains("'licence plate' is not a COCO class", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(nameof(DetectorOptions.ScoreThreshold), StringComparison.Ordinal));
    }

    [Fact]
    public void Create_InvalidOptions_IsRefusedBeforeLoadingTheModel()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => NanoDetDetector.Create("/nonexistent.onnx", new DetectorOptions { Threads = 0 }));

        Assert.Contains(nameof(DetectorOptions.Threads), ex.Message, StringComparison.Ordinal);
    }
}
