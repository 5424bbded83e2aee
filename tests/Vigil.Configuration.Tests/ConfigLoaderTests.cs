using Vigil.Domain.Cameras;
using Vigil.Domain.Rules;

namespace Vigil.Configuration.Tests;

public sealed class ConfigLoaderTests
{
    private static readonly string[] s_labels = ["person", "car", "bus", "truck", "bicycle", "motorcycle"];

    private const string Valid = """
        cameras:
          - id: plaza-north
            name: Plaza north
            url: /videos/plaza.mp4
            purpose: Crowd safety at the plaza
            legal_basis: Municipal ordinance 12/2026
            retention: 72h
            location: { lat: -0.2202, lon: -78.5123 }
            detect: { fps: 5 }
            redaction: faces
            privacy_masks: [ [[0.0,0.0],[0.2,0.0],[0.2,0.1]] ]
            zones:
              - id: lawn
                polygon: [[0.0,0.5],[0.4,0.62],[1.0,0.97],[1.0,1.0],[0.0,1.0]]
                ground: { image: [[0.1,0.6],[0.9,0.6],[1.0,1.0],[0.0,1.0]], metres: [[0,0],[10,0],[10,8],[0,8]] }
            lines:
              - { id: gate, from: [0.3,0.4], to: [0.6,0.4] }
            rules:
              - { id: lawn-entry, kind: zone_entry, zone: lawn, labels: [person], severity: warning }
              - { id: crush, kind: density, zone: lawn }
              - { id: gate-in, kind: line_crossing, line: gate, direction: left_to_right, cooldown: 10s }
        """;

    [Fact]
    public void Parse_ValidFile_BuildsTheCamera()
    {
        VigilConfig config = ConfigLoader.Parse(Valid, "vigil.yaml", s_labels);

        Camera camera = Assert.Single(config.Cameras);
        Assert.Equal("Crowd safety at the plaza", camera.Purpose);
        Assert.Equal(TimeSpan.FromHours(72), camera.Retention);
        Assert.Equal(RedactionMode.Faces, camera.Redaction);
        Assert.Equal(-78.5123, camera.Location!.Value.Longitude);
        Assert.Single(camera.PrivacyMasks);
        Assert.NotNull(camera.Zones[0].Ground);
        Assert.Equal([RuleKind.ZoneEntry, RuleKind.Density, RuleKind.LineCrossing], camera.Rules.Select(r => r.Kind));
        Assert.Equal(4, camera.Rules[1].WarnDensity);
        Assert.Equal(5, camera.Rules[1].CriticalDensity);
        Assert.Equal(CrossingDirection.LeftToRight, camera.Rules[2].Direction);
        Assert.Equal(TimeSpan.FromSeconds(10), camera.Rules[2].Cooldown);
    }

    public static TheoryData<string, string, int, string> BrokenFiles() => new()
    {
        { Valid.Replace("    purpose: Crowd", "    purpos: Crowd", StringComparison.Ordinal), "unknown key 'purpos'", 5, "did you mean 'purpose'?" },
        { Valid.Replace("retention: 72h", "retention: [72h]", StringComparison.Ordinal), "retention must be a single value", 7, "plain text" },
        { Valid.Replace("polygon: [[0.0,0.5],[0.4,0.62],[1.0,0.97],[1.0,1.0],[0.0,1.0]]", "polygon: [[0.0,0.5],[0.4,0.62]]", StringComparison.Ordinal), "zone polygon has 2 point(s)", 14, "at least three" },
        { Valid.Replace("polygon: [[0.0,0.5],[0.4,0.62],[1.0,0.97],[1.0,1.0],[0.0,1.0]]", "polygon: [[0,0],[1,1],[1,0],[0,1]]", StringComparison.Ordinal), "crosses itself", 14, "no two edges cross" },
        { Valid.Replace("zone: lawn, labels", "zone: lawns, labels", StringComparison.Ordinal), "refers to zone 'lawns'", 19, "did you mean 'lawn'?" },
        { Valid.Replace("cooldown: 10s", "cooldown: -5s", StringComparison.Ordinal), "cooldown is negative", 21, "zero or more" },
        { Valid.Replace("id: gate-in", "id: crush", StringComparison.Ordinal), "duplicate rule id 'crush'", 21, "its own id" },
        { Valid.Replace("fps: 5", "fps: fast", StringComparison.Ordinal), "detect.fps must be a number", 9, "plain number" },
        { Valid.Replace("    purpose: Crowd safety at the plaza\n", string.Empty, StringComparison.Ordinal), "'purpose' is required", 2, "no camera runs without a purpose" },
        { Valid.Replace("labels: [person]", "labels: [face]", StringComparison.Ordinal), "label 'face' is not an object class", 19, "person" },
        { Valid.Replace("[[0.0,0.0],[0.2,0.0],[0.2,0.1]]", "[[0.0,0.0],[1.2,0.0],[0.2,0.1]]", StringComparison.Ordinal), "1.2 is out of range", 11, "normalised" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Parse_BrokenFile_NamesLineColumnProblemAndFix(string yaml, string message, int line, string fix)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "vigil.yaml", s_labels));

        ConfigProblem problem = Assert.Single(ex.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
        Assert.True(problem.Column > 0);
        Assert.Contains(fix, problem.Fix, StringComparison.Ordinal);
        Assert.StartsWith($"vigil.yaml:{line}:", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ListsThemAll()
    {
        string yaml = Valid.Replace("purpose: Crowd", "purpos: Crowd", StringComparison.Ordinal).Replace("zone: lawn, labels", "zone: nowhere, labels", StringComparison.Ordinal);

        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "vigil.yaml", s_labels));

        Assert.True(ex.Problems.Count >= 3, ex.Message); // unknown key, missing purpose, unknown zone
    }

    [Fact]
    public void Parse_DensityZoneWithoutGround_IsRefused()
    {
        string yaml = Valid.Replace("        ground: { image: [[0.1,0.6],[0.9,0.6],[1.0,1.0],[0.0,1.0]], metres: [[0,0],[10,0],[10,8],[0,8]] }\n", string.Empty, StringComparison.Ordinal);

        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "vigil.yaml", s_labels));

        Assert.Contains(ex.Problems, p => p.Message.Contains("needs zone 'lawn' to have a ground calibration", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BadIndentation_IsOneProblemWithItsPlace()
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("cameras:\n  - id: a\n   url: x\n", "vigil.yaml", s_labels));

        ConfigProblem p = Assert.Single(ex.Problems);
        Assert.Contains("not valid YAML", p.Message, StringComparison.Ordinal);
        Assert.Equal(3, p.Line);
    }

    [Fact]
    public void LoadFile_Missing_SaysSo() =>
        Assert.Contains("cannot read the file", Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile("/nonexistent/vigil.yaml", s_labels)).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_Transport_DefaultsToTcp_AndTakesUdp()
    {
        Assert.Equal(StreamTransport.Tcp, ConfigLoader.Parse(Valid, "vigil.yaml", s_labels).Cameras[0].Transport);

        string udp = Valid.Replace("url: /videos/plaza.mp4", "url: rtsp://10.0.0.7/stream\n    transport: udp", StringComparison.Ordinal);

        Assert.Equal(StreamTransport.Udp, ConfigLoader.Parse(udp, "vigil.yaml", s_labels).Cameras[0].Transport);
    }

    [Fact]
    public void Parse_DetectPrecision_DefaultsToInt8_AndTakesFp32()
    {
        Assert.Equal(DetectorPrecision.Quantized, ConfigLoader.Parse(Valid, "vigil.yaml", s_labels).Cameras[0].DetectPrecision);

        string fp32 = Valid.Replace("detect: { fps: 5 }", "detect: { fps: 5, precision: fp32 }", StringComparison.Ordinal);

        Camera camera = ConfigLoader.Parse(fp32, "vigil.yaml", s_labels).Cameras[0];
        Assert.Equal(DetectorPrecision.Full, camera.DetectPrecision);
        Assert.Equal(5, camera.DetectFps);
    }

    [Fact]
    public void Parse_UnknownDetectPrecision_NamesTheLineAndTheChoices()
    {
        string fp16 = Valid.Replace("detect: { fps: 5 }", "detect: { fps: 5, precision: fp16 }", StringComparison.Ordinal);

        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(fp16, "vigil.yaml", s_labels));

        ConfigProblem problem = Assert.Single(error.Problems);
        Assert.Equal(9, problem.Line);
        Assert.Contains("detect.precision", problem.Message, StringComparison.Ordinal);
        Assert.Contains("int8", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTransport_NamesTheLine()
    {
        string sctp = Valid.Replace("url: /videos/plaza.mp4", "url: rtsp://10.0.0.7/stream\n    transport: sctp", StringComparison.Ordinal);

        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(sctp, "vigil.yaml", s_labels));

        ConfigProblem problem = Assert.Single(error.Problems);
        Assert.Equal(5, problem.Line);
        Assert.Contains("transport", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextThatCannotTravel_IsRefusedWithItsPlace()
    {
        string bad = Valid.Replace("purpose: Crowd safety at the plaza", "purpose: \"Crowd\\uFFFE safety\"", StringComparison.Ordinal);

        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(bad, "vigil.yaml", s_labels));

        ConfigProblem problem = Assert.Single(error.Problems);
        Assert.Equal(5, problem.Line);
        Assert.Contains("U+FFFE", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Record_KeepsAlertClipsByDefault_OffOnlyWhereTheCameraSaysSo()
    {
        RecordingPolicy byDefault = ConfigLoader.Parse(Valid, "vigil.yaml", s_labels).Cameras[0].Recording;
        Assert.Equal(RecordingMode.Events, byDefault.Mode);
        Assert.Equal(TimeSpan.FromSeconds(5), byDefault.PreRoll);
        Assert.Equal(TimeSpan.FromSeconds(5), byDefault.PostRoll);

        string off = Valid.Replace("retention: 72h", "retention: 72h\n    record: off", StringComparison.Ordinal);
        Assert.Equal(RecordingMode.Off, ConfigLoader.Parse(off, "vigil.yaml", s_labels).Cameras[0].Recording.Mode);
    }

    [Fact]
    public void Parse_Record_TakesModeRetainInDaysRollsSegmentAndSize()
    {
        string recording = Valid.Replace("retention: 72h", "retention: 72h\n    record: { mode: continuous, retain: 2.5, segment: 6s, pre: 8s, post: 3s, max_size: 1.5GB }", StringComparison.Ordinal);
        RecordingPolicy policy = ConfigLoader.Parse(recording, "vigil.yaml", s_labels).Cameras[0].Recording;

        Assert.Equal(RecordingMode.Continuous, policy.Mode);
        Assert.Equal(TimeSpan.FromDays(2.5), policy.RetainContinuous);
        Assert.Equal(TimeSpan.FromDays(2.5), policy.RetainEvents);
        Assert.Equal(TimeSpan.FromSeconds(6), policy.SegmentLength);
        Assert.Equal(TimeSpan.FromSeconds(8), policy.PreRoll);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.PostRoll);
        Assert.Equal(1_500_000_000, policy.MaxBytes);
    }

    [Fact]
    public void Parse_Record_RetainsEachKindOfFootageForItsOwnDays()
    {
        string recording = Valid.Replace("retention: 72h", "retention: 72h\n    record: { mode: motion, retain: { continuous: 0.5, motion: 3, events: 30 } }", StringComparison.Ordinal);
        RecordingPolicy policy = ConfigLoader.Parse(recording, "vigil.yaml", s_labels).Cameras[0].Recording;

        Assert.Equal(RecordingMode.Motion, policy.Mode);
        Assert.Equal(TimeSpan.FromHours(12), policy.RetainFor(FootageKind.Continuous));
        Assert.Equal(TimeSpan.FromDays(3), policy.RetainFor(FootageKind.Motion));
        Assert.Equal(TimeSpan.FromDays(30), policy.RetainFor(FootageKind.Event));
    }

    [Fact]
    public void Parse_Recordings_TakesTheFreeSpaceFloorAndTheOverallCap()
    {
        RecordingStorage storage = ConfigLoader.Parse(Valid + "\nrecordings: { min_free: 500MB, max_size: 2TB }\n", "vigil.yaml", s_labels).Storage;

        Assert.Equal(500_000_000, storage.MinFreeBytes);
        Assert.Equal(2_000_000_000_000, storage.MaxBytes);
        Assert.Equal(RecordingStorage.Default.MinFreeBytes, ConfigLoader.Parse(Valid, "vigil.yaml", s_labels).Storage.MinFreeBytes);
    }

    [Fact]
    public void Parse_BadRecordingsSize_NamesTheKeyAndTheFix()
    {
        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Valid + "\nrecordings: { min_free: lots }\n", "vigil.yaml", s_labels));

        ConfigProblem problem = Assert.Single(error.Problems);
        Assert.Contains("recordings.min_free 'lots' is not a size", problem.Message, StringComparison.Ordinal);
        Assert.Contains("20GB", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("record: { mode: sometimes }", "record.mode")]
    [InlineData("record: { mode: continuous, retain: -1 }", "record.retain")]
    [InlineData("record: { mode: continuous, segment: 2h }", "record.segment")]
    [InlineData("record: { mode: continuous, keep: 3 }", "unknown key 'keep'")]
    [InlineData("record: { mode: events, pre: 2m }", "record.pre is longer than 60s")]
    [InlineData("record: { retain: { events: 0 } }", "record.retain.events")]
    [InlineData("record: { max_size: 12 }", "record.max_size '12' is not a size")]
    public void Parse_BadRecord_NamesTheProblem(string line, string message)
    {
        string yaml = Valid.Replace("retention: 72h", "retention: 72h\n    " + line, StringComparison.Ordinal);

        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "vigil.yaml", s_labels));

        Assert.Contains(error.Problems, p => p.Message.Contains(message, StringComparison.Ordinal) && p.Line == 8);
    }

    [Fact]
    public void Parse_Originals_AreOffByDefault_AndKeptAsLongAsSaid()
    {
        string yaml = Valid.Replace("retention: 72h", "retention: 72h\n    originals: { keep: 48h }", StringComparison.Ordinal);

        Assert.Null(ConfigLoader.Parse(Valid, "vigil.yaml", s_labels).Cameras[0].OriginalsKeep);
        Assert.Equal(TimeSpan.FromHours(48), ConfigLoader.Parse(yaml, "vigil.yaml", s_labels).Cameras[0].OriginalsKeep);
    }

    [Theory]
    [InlineData("originals: { keep: 8d }", "originals.keep is at most 7 days")]
    [InlineData("originals: { keep: 0s }", "originals.keep must be more than zero")]
    [InlineData("originals: { forever: true }", "unknown key 'forever'")]
    [InlineData("originals: {}", "keep")]
    public void Parse_BadOriginals_NamesTheProblem(string line, string message)
    {
        string yaml = Valid.Replace("retention: 72h", "retention: 72h\n    " + line, StringComparison.Ordinal);

        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "vigil.yaml", s_labels));

        Assert.Contains(error.Problems, p => p.Message.Contains(message, StringComparison.Ordinal) && p.Line == 8);
    }
}
