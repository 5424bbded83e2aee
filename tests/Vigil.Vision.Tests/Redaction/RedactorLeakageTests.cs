using OpenCvSharp;
using Vigil.Domain.Cameras;
using Vigil.Domain.Observations;

namespace Vigil.Vision.Tests.Redaction;

/// <summary>
/// Nothing identifying survives redaction, checked with an independent face detector (OpenCV's
/// Haar frontal-face cascade from Debian's opencv-data, not the BlazeFace model the redactor
/// uses) and with a per-region measure of remaining detail.
/// </summary>
public sealed class RedactorLeakageTests : IDisposable
{
    /// <summary>
    /// Fine-detail correlation between a redacted person region and the original. Pixelation into
    /// cells of 3 % of the frame height leaves only cell edges, which correlate weakly with the
    /// original's detail (measured 0.0-0.25 on these videos); an untouched region scores 1 and a
    /// light blur that still shows a face scores about 0.5. 0.35 sits between the two.
    /// </summary>
    private const double MaxDetailCorrelation = 0.35;

    private readonly CascadeClassifier _haar = new(TestAssets.Path("haar-frontalface"));

    public void Dispose() => _haar.Dispose();

    [Fact]
    public async Task Redact_MegamindInFacesMode_LeavesNoFaceTheIndependentDetectorCanFind()
    {
        long[] frames = [50, 100, 150, 200, 250, 300];
        List<RedactionHarness.Sample> samples = await RedactionHarness.RunAsync(TestAssets.Megamind, RedactionMode.Faces, null, frames);

        int framesWithFaces = samples.Count(s => RedactionHarness.Faces(_haar, s.Original).Length > 0);
        Assert.True(framesWithFaces >= 4, $"the independent detector found faces in only {framesWithFaces} originals");
        foreach (RedactionHarness.Sample s in samples)
        {
            Assert.Empty(RedactionHarness.Faces(_haar, s.Redacted));
        }
    }

    [Fact]
    public async Task Redact_VtestInPeopleMode_HidesEveryPersonAndEveryFaceOnThem()
    {
        long[] frames = [100, 200, 300, 500, 540, 700];
        List<RedactionHarness.Sample> samples = await RedactionHarness.RunAsync(TestAssets.VTest, RedactionMode.People, null, frames);

        int faceHitsOnPeople = 0;
        foreach (RedactionHarness.Sample s in samples)
        {
            Assert.Equal(Vision.Redaction.FailClosedReason.None, s.FailedClosed);

            // The cascade also fires on static background (a tripod, windows); only hits on a
            // person are faces of the public.
            faceHitsOnPeople += RedactionHarness.Faces(_haar, s.Original).Count(f => OnPerson(f, s.People));
            Assert.DoesNotContain(RedactionHarness.Faces(_haar, s.Redacted), f => OnPerson(f, s.People));
            foreach (DetectedObject person in s.People)
            {
                var region = new Rect((int)person.Box.X, (int)person.Box.Y, Math.Max(8, (int)person.Box.Width), Math.Max(8, (int)person.Box.Height));
                double correlation = RedactionHarness.DetailCorrelation(s.Original, s.Redacted, region);
                Assert.True(correlation < MaxDetailCorrelation, $"frame person at {region}: detail correlation {correlation:0.00}");
            }
        }

        Assert.True(faceHitsOnPeople > 0, "the independent detector found no face on any person in the originals");
        Assert.True(samples.Sum(s => s.People.Count) >= 20);
    }

    private static bool OnPerson(Rect face, IReadOnlyList<DetectedObject> people) =>
        people.Any(p => face.X + (face.Width / 2) >= p.Box.X && face.X + (face.Width / 2) <= p.Box.Right && face.Y + (face.Height / 2) >= p.Box.Y && face.Y + (face.Height / 2) <= p.Box.Bottom);
}
