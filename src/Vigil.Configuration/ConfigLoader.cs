using System.Globalization;
using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Evidence;
using Vigil.Domain.Geometry;
using Vigil.Domain.Rules;
using Vigil.Domain.Security;
using Vigil.Domain.Sensors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Configuration;

/// <summary>Reads and validates <c>vigil.yaml</c>; every problem is collected before anything is returned.</summary>
public static partial class ConfigLoader
{
    /// <summary>Loads a configuration file.</summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="knownLabels">Object classes the detector can report (rule labels are checked against them).</param>
    /// <exception cref="ConfigException">The file is missing, unreadable or invalid.</exception>
    public static VigilConfig LoadFile(string path, IReadOnlyCollection<string> knownLabels)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigProblem(path, 0, 0, $"cannot read the file ({ex.Message})", "check the path and its permissions")]);
        }

        return Parse(text, path, knownLabels);
    }

    /// <summary>Parses configuration text; <paramref name="source"/> names it in problems.</summary>
    public static VigilConfig Parse(string yaml, string source, IReadOnlyCollection<string> knownLabels)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException([new ConfigProblem(source, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML: {Inner(ex).Message}", "fix the indentation or quoting at that place")]);
        }

        // Text that could never be published (CAP) or exchanged (EIDO) is refused wherever it stands.
        List<ConfigProblem> unsafeText = stream.Documents.SelectMany(d => d.AllNodes).OfType<YamlScalarNode>()
            .Where(n => n.Value is not null && UnsafeText.Check(n.Value) is not null)
            .Select(n => new ConfigProblem(source, (int)n.Start.Line, (int)n.Start.Column, $"the value {UnsafeText.Check(n.Value)}", "retype the value without that character"))
            .ToList();
        if (unsafeText.Count > 0)
        {
            throw new ConfigException(unsafeText);
        }

        var reader = new ConfigReader(source, knownLabels);
        (IReadOnlyList<Camera> cameras, IReadOnlyList<Unit> units, RecordingStorage storage, IReadOnlyList<Sensor> sensors) =
            stream.Documents.Count == 0 ? ([], [], RecordingStorage.Default, []) : reader.ReadRoot(stream.Documents[0].RootNode);
        return reader.Problems.Count > 0 ? throw new ConfigException(reader.Problems) : new VigilConfig(source, cameras, units) { Storage = storage, Sensors = sensors };
    }

    private static Exception Inner(Exception ex) => ex.InnerException is YamlException inner ? Inner(inner) : ex;

    private sealed partial class ConfigReader(string file, IReadOnlyCollection<string> knownLabels)
    {
        private static readonly string[] s_rootKeys = ["cameras", "units", "recordings", "sensors"];
        private static readonly string[] s_unitKeys = ["id", "name", "type", "station", "location"];
        private static readonly string[] s_cameraKeys = ["id", "name", "url", "transport", "record", "originals", "purpose", "legal_basis", "retention", "location", "detect", "redaction", "privacy_masks", "zones", "lines", "rules"];
        private static readonly string[] s_zoneKeys = ["id", "polygon", "ground", "direction"];
        private static readonly string[] s_lineKeys = ["id", "from", "to"];
        private static readonly string[] s_ruleKeys = ["id", "kind", "zone", "line", "labels", "severity", "seconds", "count", "direction", "warn", "critical", "cooldown"];

        private static readonly Dictionary<string, Severity> s_severities = new(StringComparer.Ordinal) { ["info"] = Severity.Info, ["warning"] = Severity.Warning, ["critical"] = Severity.Critical };

        public List<ConfigProblem> Problems { get; } = [];

        public (List<Camera> Cameras, List<Unit> Units, RecordingStorage Storage, List<Sensor> Sensors) ReadRoot(YamlNode root)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(root, s_rootKeys, "the top level");
            if (map is null)
            {
                return ([], [], RecordingStorage.Default, []);
            }

            var cameras = new List<Camera>();
            if (map.TryGetValue("cameras", out (YamlNode Key, YamlNode Value) list))
            {
                foreach (YamlNode node in Sequence(list.Value, "cameras"))
                {
                    if (ReadCamera(node) is { } camera)
                    {
                        cameras.Add(camera);
                    }
                }
            }

            Unique(cameras.Select(c => (c.Id, (YamlNode)list.Value)), "camera", ids: null);
            var units = new List<(Unit Unit, YamlNode Node)>();
            if (map.TryGetValue("units", out (YamlNode Key, YamlNode Value) unitList))
            {
                foreach (YamlNode node in Sequence(unitList.Value, "units"))
                {
                    if (ReadUnit(node) is { } unit)
                    {
                        units.Add((unit, node));
                    }
                }
            }

            Unique(units.Select(u => (u.Unit.Id, u.Node)), "unit", ids: null);
            RecordingStorage storage = map.TryGetValue("recordings", out var rec) ? ReadStorage(rec.Value) : RecordingStorage.Default;
            List<Sensor> sensors = map.TryGetValue("sensors", out var sensorList) ? ReadSensors(sensorList.Value) : [];
            return (cameras, units.Select(u => u.Unit).ToList(), storage, sensors);
        }

        /// <summary><c>recordings: { min_free: 2GB, max_size: 500GB }</c>.</summary>
        private RecordingStorage ReadStorage(YamlNode node)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, ["min_free", "max_size"], "recordings");
            if (map is null)
            {
                return RecordingStorage.Default;
            }

            RecordingStorage storage = RecordingStorage.Default;
            if (map.TryGetValue("min_free", out var f) && Size(f.Value, "recordings.min_free") is { } free)
            {
                storage = storage with { MinFreeBytes = free };
            }

            if (map.TryGetValue("max_size", out var m) && Size(m.Value, "recordings.max_size") is { } max)
            {
                storage = storage with { MaxBytes = max };
            }

            return storage;
        }

        private Unit? ReadUnit(YamlNode node)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, s_unitKeys, "a unit");
            if (map is null)
            {
                return null;
            }

            string? id = Id(map, node, "unit");
            string? name = Text(map, "name", node, required: false) ?? id;
            UnitType? type = null;
            if (map.TryGetValue("type", out var t))
            {
                type = Choice(t.Value, "type", new Dictionary<string, UnitType>(UnitTypeNames.ByName, StringComparer.Ordinal));
            }
            else
            {
                Add(node, "'type' is required", $"add 'type:' ({string.Join(", ", UnitTypeNames.ByName.Keys)})");
            }

            string? station = Text(map, "station", node, required: true, fix: "name the station the unit is based at");
            GeoLocation? home = null;
            if (map.TryGetValue("location", out var loc))
            {
                home = ReadLocation(loc.Value);
            }
            else
            {
                Add(node, "'location' is required", "add 'location: { lat: ..., lon: ... }' (the station)");
            }

            return id is null || type is null || station is null || home is null
                ? null
                : new Unit { Id = id, Name = name ?? id, Type = type.Value, Station = station, Home = home.Value };
        }

        /// <summary>
        /// <c>record: off</c>, or <c>record: { mode: events | motion | continuous, retain: DAYS | { continuous, motion, events },
        /// pre: 5s, post: 5s, segment: 10s, max_size: 20GB }</c>. A camera without <c>record:</c> keeps alert clips.
        /// </summary>
        private RecordingPolicy ReadRecording(YamlNode node)
        {
            if (node is YamlScalarNode { Value: "off" })
            {
                return RecordingPolicy.Off;
            }

            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, ["mode", "retain", "pre", "post", "segment", "max_size"], "record");
            if (map is null)
            {
                return RecordingPolicy.Default;
            }

            RecordingPolicy policy = RecordingPolicy.Default;
            if (map.TryGetValue("mode", out var m))
            {
                policy = policy with
                {
                    Mode = Choice(m.Value, "record.mode", new Dictionary<string, RecordingMode>(StringComparer.Ordinal)
                    {
                        ["off"] = RecordingMode.Off,
                        ["events"] = RecordingMode.Events,
                        ["motion"] = RecordingMode.Motion,
                        ["continuous"] = RecordingMode.Continuous,
                    }) ?? policy.Mode,
                };
            }

            if (map.TryGetValue("retain", out var r))
            {
                policy = ReadRetain(r.Value, policy);
            }

            policy = policy with
            {
                PreRoll = Roll(map, "pre") ?? policy.PreRoll,
                PostRoll = Roll(map, "post") ?? policy.PostRoll,
            };
            if (map.TryGetValue("segment", out var sg) && Duration(sg.Value, "record.segment") is { } segment)
            {
                if (segment < TimeSpan.FromSeconds(1) || segment > TimeSpan.FromMinutes(10))
                {
                    Add(sg.Value, "record.segment must be between 1s and 10m", "use e.g. 'segment: 10s'");
                }
                else
                {
                    policy = policy with { SegmentLength = segment };
                }
            }

            if (map.TryGetValue("max_size", out var ms))
            {
                policy = policy with { MaxBytes = Size(ms.Value, "record.max_size") };
            }

            return policy;
        }

        /// <summary><c>retain: 7</c> (days, every kind of footage) or <c>retain: { continuous: 1, motion: 3, events: 30 }</c>.</summary>
        private RecordingPolicy ReadRetain(YamlNode node, RecordingPolicy policy)
        {
            if (node is YamlScalarNode)
            {
                double? days = Number(node, "record.retain (days)", min: 0.01, max: RecordingPolicy.MaxRetainDays);
                return days is { } d ? policy with { RetainContinuous = TimeSpan.FromDays(d), RetainMotion = TimeSpan.FromDays(d), RetainEvents = TimeSpan.FromDays(d) } : policy;
            }

            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, ["continuous", "motion", "events"], "record.retain");
            if (map is null)
            {
                return policy;
            }

            TimeSpan? Days(string key) => map.TryGetValue(key, out var v) && Number(v.Value, $"record.retain.{key} (days)", min: 0.01, max: RecordingPolicy.MaxRetainDays) is { } d ? TimeSpan.FromDays(d) : null;
            return policy with
            {
                RetainContinuous = Days("continuous") ?? policy.RetainContinuous,
                RetainMotion = Days("motion") ?? policy.RetainMotion,
                RetainEvents = Days("events") ?? policy.RetainEvents,
            };
        }

        private TimeSpan? Roll(Dictionary<string, (YamlNode Key, YamlNode Value)> map, string key)
        {
            if (!map.TryGetValue(key, out var v) || Duration(v.Value, $"record.{key}") is not { } roll)
            {
                return null;
            }

            if (roll > RecordingPolicy.MaxRoll)
            {
                Add(v.Value, $"record.{key} is longer than {RecordingPolicy.MaxRoll.TotalSeconds:0}s", $"use e.g. '{key}: 5s'; record the camera continuously for more");
                return null;
            }

            return roll;
        }

        /// <summary>A size on disk: <c>500MB</c>, <c>20GB</c>, <c>1.5TB</c>.</summary>
        private long? Size(YamlNode node, string what)
        {
            string? text = Scalar(node, what);
            if (text is null)
            {
                return null;
            }

            (string Suffix, double Factor)[] units = [("TB", 1e12), ("GB", 1e9), ("MB", 1e6)];
            foreach ((string suffix, double factor) in units)
            {
                if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                    && double.IsFinite(value) && value > 0 && value * factor < 1e18)
                {
                    return (long)(value * factor);
                }
            }

            Add(node, $"{what} '{text}' is not a size", "write a positive number with MB, GB or TB, e.g. 20GB");
            return null;
        }

        /// <summary><c>originals: { keep: 72h }</c>: the camera's original stream, kept encrypted this long (at most 7 days).</summary>
        private TimeSpan? ReadOriginals(YamlNode node)
        {
            if (Mapping(node, ["keep"], "originals") is not { } map)
            {
                return null;
            }

            if (!map.TryGetValue("keep", out var k))
            {
                return Missing(node, "keep", "add how long the originals are kept, e.g. 'originals: { keep: 72h }'");
            }

            if (Duration(k.Value, "originals.keep") is not { } keep)
            {
                return null;
            }

            if (OriginalFootage.CheckKeep(keep) is { } problem)
            {
                Add(k.Value, problem, "use e.g. 'keep: 72h' (at most 7d)");
                return null;
            }

            return keep;
        }

        private Camera? ReadCamera(YamlNode node)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, s_cameraKeys, "a camera");
            if (map is null)
            {
                return null;
            }

            string? id = Id(map, node, "camera");
            string? name = Text(map, "name", node, required: false) ?? id;
            string? url = Text(map, "url", node, required: true);
            string? purpose = Text(map, "purpose", node, required: true, fix: "state why this camera exists, e.g. 'Crowd safety at the plaza'; no camera runs without a purpose");
            string? legal = Text(map, "legal_basis", node, required: true, fix: "name the law or ordinance that allows this camera");
            TimeSpan? retention = map.TryGetValue("retention", out var r) ? Duration(r.Value, "retention") : Missing(node, "retention", "add e.g. 'retention: 72h'");
            GeoLocation? location = map.TryGetValue("location", out var loc) ? ReadLocation(loc.Value) : null;
            double detectFps = 5;
            DetectorPrecision precision = DetectorPrecision.Quantized;
            if (map.TryGetValue("detect", out var detect) && Mapping(detect.Value, ["fps", "precision"], "detect") is { } d)
            {
                if (d.TryGetValue("fps", out var fps))
                {
                    detectFps = Number(fps.Value, "detect.fps", min: 0.1, max: 60) ?? detectFps;
                }

                if (d.TryGetValue("precision", out var p))
                {
                    precision = Choice(p.Value, "detect.precision", new Dictionary<string, DetectorPrecision>(StringComparer.Ordinal) { ["int8"] = DetectorPrecision.Quantized, ["fp32"] = DetectorPrecision.Full }) ?? precision;
                }
            }

            StreamTransport transport = map.TryGetValue("transport", out var tr)
                ? Choice(tr.Value, "transport", new Dictionary<string, StreamTransport>(StringComparer.Ordinal) { ["tcp"] = StreamTransport.Tcp, ["udp"] = StreamTransport.Udp }) ?? StreamTransport.Tcp
                : StreamTransport.Tcp;
            RecordingPolicy recording = map.TryGetValue("record", out var rec) ? ReadRecording(rec.Value) : RecordingPolicy.Default;
            TimeSpan? originals = map.TryGetValue("originals", out var orig) ? ReadOriginals(orig.Value) : null;
            RedactionMode redaction = map.TryGetValue("redaction", out var red)
                ? Choice(red.Value, "redaction", new Dictionary<string, RedactionMode>(StringComparer.Ordinal) { ["people"] = RedactionMode.People, ["faces"] = RedactionMode.Faces }) ?? RedactionMode.People
                : RedactionMode.People;
            var masks = new List<Polygon>();
            if (map.TryGetValue("privacy_masks", out var pm))
            {
                foreach (YamlNode mask in Sequence(pm.Value, "privacy_masks"))
                {
                    if (PolygonOf(mask, "privacy mask") is { } polygon)
                    {
                        masks.Add(polygon);
                    }
                }
            }

            var zones = new List<(Zone Zone, YamlNode Node)>();
            if (map.TryGetValue("zones", out var zs))
            {
                foreach (YamlNode z in Sequence(zs.Value, "zones"))
                {
                    if (ReadZone(z) is { } zone)
                    {
                        zones.Add((zone, z));
                    }
                }
            }

            var lines = new List<(TripLine Line, YamlNode Node)>();
            if (map.TryGetValue("lines", out var ls))
            {
                foreach (YamlNode l in Sequence(ls.Value, "lines"))
                {
                    if (ReadLine(l) is { } line)
                    {
                        lines.Add((line, l));
                    }
                }
            }

            Unique(zones.Select(z => (z.Zone.Id, z.Node)), "zone", null);
            Unique(lines.Select(l => (l.Line.Id, l.Node)), "line", null);
            var rules = new List<(RuleDefinition Rule, YamlNode Node)>();
            if (map.TryGetValue("rules", out var rs))
            {
                foreach (YamlNode rn in Sequence(rs.Value, "rules"))
                {
                    if (ReadRule(rn, zones.ToDictionary(z => z.Zone.Id, z => z.Zone, StringComparer.Ordinal), lines.Select(l => l.Line.Id).ToHashSet(StringComparer.Ordinal)) is { } rule)
                    {
                        rules.Add((rule, rn));
                    }
                }
            }

            Unique(rules.Select(x => (x.Rule.Id, x.Node)), "rule", null);
            if (id is null || url is null || purpose is null || legal is null || retention is null)
            {
                return null;
            }

            return new Camera
            {
                Id = id,
                Name = name ?? id,
                Url = url,
                Transport = transport,
                Recording = recording,
                OriginalsKeep = originals,
                Purpose = purpose,
                LegalBasis = legal,
                Retention = retention.Value,
                Location = location,
                DetectFps = detectFps,
                DetectPrecision = precision,
                Redaction = redaction,
                PrivacyMasks = masks,
                Zones = zones.Select(z => z.Zone).ToArray(),
                Lines = lines.Select(l => l.Line).ToArray(),
                Rules = rules.Select(x => x.Rule).ToArray(),
            };
        }

        private GeoLocation? ReadLocation(YamlNode node)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, ["lat", "lon"], "location");
            if (map is null)
            {
                return null;
            }

            double? lat = map.TryGetValue("lat", out var la) ? Number(la.Value, "location.lat", -90, 90) : Missing<double>(node, "lat", "add 'lat:' in decimal degrees");
            double? lon = map.TryGetValue("lon", out var lo) ? Number(lo.Value, "location.lon", -180, 180) : Missing<double>(node, "lon", "add 'lon:' in decimal degrees");
            return lat is { } a && lon is { } b ? new GeoLocation(a, b) : null;
        }

        private Zone? ReadZone(YamlNode node)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, s_zoneKeys, "a zone");
            if (map is null)
            {
                return null;
            }

            string? id = Id(map, node, "zone");
            Polygon? polygon = map.TryGetValue("polygon", out var p) ? PolygonOf(p.Value, "zone polygon") : Missing<Polygon>(node, "polygon", "add 'polygon: [[x,y],[x,y],[x,y]]' in normalised coordinates");
            GroundCalibration? ground = null;
            if (map.TryGetValue("ground", out var g) && Mapping(g.Value, ["image", "metres"], "ground") is { } gm)
            {
                IReadOnlyList<PointF2>? image = gm.TryGetValue("image", out var im) ? Points(im.Value, "ground.image", normalised: true) : Missing<IReadOnlyList<PointF2>>(g.Value, "image", "add the four image corners of a ground rectangle");
                IReadOnlyList<PointF2>? metres = gm.TryGetValue("metres", out var me) ? Points(me.Value, "ground.metres", normalised: false) : Missing<IReadOnlyList<PointF2>>(g.Value, "metres", "add the same four corners in metres, e.g. [[0,0],[10,0],[10,8],[0,8]]");
                if (image is { Count: not 4 } || metres is { Count: not 4 })
                {
                    Add(g.Value, "ground needs exactly four image points and four ground points", "give the corners of one rectangle on the ground, in the same order in both lists");
                }
                else if (image is not null && metres is not null)
                {
                    ground = new GroundCalibration(image, metres);
                    try
                    {
                        _ = ground.ToMetres();
                    }
                    catch (ArgumentException ex)
                    {
                        Add(g.Value, $"ground calibration is unusable: {ex.Message}", "pick four corners of which no three lie on one line");
                        ground = null;
                    }
                }
            }

            PointF2? direction = null;
            if (map.TryGetValue("direction", out var dn) && Point(dn.Value, "direction", normalised: false) is { } dv)
            {
                if (dv.Length < 1e-9)
                {
                    Add(dn.Value, "direction must not be [0, 0]", "give the allowed direction of travel as an image vector, e.g. [1, 0] for left to right");
                }
                else
                {
                    direction = dv;
                }
            }

            return id is null || polygon is null ? null : new Zone(id, polygon, ground, direction);
        }

        private TripLine? ReadLine(YamlNode node)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, s_lineKeys, "a line");
            if (map is null)
            {
                return null;
            }

            string? id = Id(map, node, "line");
            PointF2? from = map.TryGetValue("from", out var f) ? Point(f.Value, "from", normalised: true) : Missing<PointF2>(node, "from", "add 'from: [x, y]'");
            PointF2? to = map.TryGetValue("to", out var t) ? Point(t.Value, "to", normalised: true) : Missing<PointF2>(node, "to", "add 'to: [x, y]'");
            if (from is { } a && to is { } b && (a - b).Length < 1e-6)
            {
                Add(node, $"line '{id}' starts and ends at the same point", "give two different points");
                return null;
            }

            return id is null || from is null || to is null ? null : new TripLine(id, from.Value, to.Value);
        }

        private RuleDefinition? ReadRule(YamlNode node, Dictionary<string, Zone> zones, HashSet<string> lines)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, s_ruleKeys, "a rule");
            if (map is null)
            {
                return null;
            }

            string? id = Id(map, node, "rule");
            var kinds = new Dictionary<string, RuleKind>(RuleKindNames.CameraKinds, StringComparer.Ordinal);
            RuleKind? kind = map.TryGetValue("kind", out var k) ? Choice(k.Value, "kind", kinds) : Missing<RuleKind>(node, "kind", $"add 'kind:' ({string.Join(", ", kinds.Keys)})");
            string? zone = map.TryGetValue("zone", out var z) ? Scalar(z.Value, "zone") : null;
            string? line = map.TryGetValue("line", out var l) ? Scalar(l.Value, "line") : null;
            if (kind is RuleKind.LineCrossing)
            {
                if (line is null)
                {
                    Add(node, $"rule '{id}' (line_crossing) names no line", "add 'line:' with the id of one of the camera's lines");
                }
                else if (!lines.Contains(line))
                {
                    Add(l.Value, $"rule '{id}' refers to line '{line}', which this camera does not define", Suggest(line, lines, "define the line under 'lines:' or fix the name"));
                }
            }
            else if (kind is not null)
            {
                if (zone is null)
                {
                    Add(node, $"rule '{id}' ({RuleKindNames.NameOf(kind.Value)}) names no zone", "add 'zone:' with the id of one of the camera's zones");
                }
                else if (!zones.TryGetValue(zone, out Zone? zoneDef))
                {
                    Add(z.Value, $"rule '{id}' refers to zone '{zone}', which this camera does not define", Suggest(zone, zones.Keys, "define the zone under 'zones:' or fix the name"));
                }
                else if (kind == RuleKind.Density && zoneDef.Ground is null)
                {
                    Add(z.Value, $"density rule '{id}' needs zone '{zone}' to have a ground calibration", "add 'ground: { image: [...4 points], metres: [...4 points] }' to the zone");
                }
                else if (kind == RuleKind.WrongWay && zoneDef.Direction is null)
                {
                    Add(z.Value, $"wrong_way rule '{id}' needs zone '{zone}' to have an allowed 'direction'", "add 'direction: [dx, dy]' to the zone");
                }
            }

            var labels = new List<string>();
            if (map.TryGetValue("labels", out var lb))
            {
                foreach (YamlNode item in Sequence(lb.Value, "labels"))
                {
                    if (Scalar(item, "label") is { } label)
                    {
                        if (knownLabels.Contains(label))
                        {
                            labels.Add(label);
                        }
                        else
                        {
                            Add(item, $"label '{label}' is not an object class the detector reports", Suggest(label, knownLabels, "use e.g. person, car, bus, truck, bicycle, motorcycle"));
                        }
                    }
                }
            }

            Severity severity = map.TryGetValue("severity", out var sv)
                ? Choice(sv.Value, "severity", s_severities) ?? Severity.Warning
                : Severity.Warning;
            TimeSpan duration = TimeSpan.FromSeconds(30);
            if (map.TryGetValue("seconds", out var sec))
            {
                duration = Duration(sec.Value, "seconds") ?? duration;
            }
            else if (kind is RuleKind.Dwell or RuleKind.StoppedVehicle)
            {
                Add(node, $"rule '{id}' needs 'seconds'", "add e.g. 'seconds: 60'");
            }

            int count = 10;
            if (map.TryGetValue("count", out var c))
            {
                count = (int)(Number(c.Value, "count", 1, 100000) ?? count);
            }
            else if (kind is RuleKind.Occupancy)
            {
                Add(node, $"occupancy rule '{id}' needs 'count'", "add e.g. 'count: 20'");
            }

            CrossingDirection direction = map.TryGetValue("direction", out var dir)
                ? Choice(dir.Value, "direction", new Dictionary<string, CrossingDirection>(StringComparer.Ordinal) { ["any"] = CrossingDirection.Any, ["left_to_right"] = CrossingDirection.LeftToRight, ["right_to_left"] = CrossingDirection.RightToLeft }) ?? CrossingDirection.Any
                : CrossingDirection.Any;
            double warn = map.TryGetValue("warn", out var w) ? Number(w.Value, "warn", 0.1, 20) ?? 4 : 4;
            double critical = map.TryGetValue("critical", out var cr) ? Number(cr.Value, "critical", 0.1, 20) ?? 5 : 5;
            if (critical < warn)
            {
                Add(cr.Value ?? node, $"critical density {critical.ToString(CultureInfo.InvariantCulture)} is below warn {warn.ToString(CultureInfo.InvariantCulture)}", "make 'critical' at least 'warn' (defaults: warn 4, critical 5 people/m²)");
            }

            TimeSpan cooldown = map.TryGetValue("cooldown", out var cd) ? Duration(cd.Value, "cooldown") ?? TimeSpan.Zero : TimeSpan.Zero;
            return id is null || kind is null
                ? null
                : new RuleDefinition
                {
                    Id = id,
                    Kind = kind.Value,
                    Zone = zone,
                    Line = line,
                    Labels = labels,
                    Severity = severity,
                    Duration = duration,
                    Count = count,
                    Direction = direction,
                    WarnDensity = warn,
                    CriticalDensity = critical,
                    Cooldown = cooldown,
                };
        }

        private Polygon? PolygonOf(YamlNode node, string what)
        {
            List<PointF2>? points = Points(node, what, normalised: true);
            if (points is null)
            {
                return null;
            }

            if (points.Count < 3)
            {
                Add(node, $"{what} has {points.Count} point(s)", "give at least three [x, y] points");
                return null;
            }

            if (Polygon.IsSelfIntersecting(points))
            {
                Add(node, $"{what} crosses itself", "list the points in order around the area, so no two edges cross");
                return null;
            }

            return new Polygon(points);
        }

        private List<PointF2>? Points(YamlNode node, string what, bool normalised)
        {
            if (node is not YamlSequenceNode seq)
            {
                Add(node, $"{what} must be a list of [x, y] points", "write e.g. [[0.1, 0.2], [0.5, 0.2], [0.3, 0.6]]");
                return null;
            }

            var points = new List<PointF2>();
            bool ok = true;
            foreach (YamlNode item in seq)
            {
                if (Point(item, what, normalised) is { } p)
                {
                    points.Add(p);
                }
                else
                {
                    ok = false;
                }
            }

            return ok ? points : null;
        }

        private PointF2? Point(YamlNode node, string what, bool normalised)
        {
            if (node is not YamlSequenceNode { Children.Count: 2 } seq)
            {
                Add(node, $"{what}: a point must be [x, y]", "write two numbers in brackets, e.g. [0.25, 0.5]");
                return null;
            }

            double? x = Number(seq[0], what, normalised ? 0 : double.MinValue, normalised ? 1 : double.MaxValue);
            double? y = Number(seq[1], what, normalised ? 0 : double.MinValue, normalised ? 1 : double.MaxValue);
            return x is { } a && y is { } b ? new PointF2(a, b) : null;
        }

        private double? Number(YamlNode node, string what, double min, double max)
        {
            if (node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            {
                if (value < min || value > max)
                {
                    bool normalisedRange = min == 0 && max == 1;
                    Add(node, $"{what}: {text} is out of range", normalisedRange ? "coordinates are normalised: 0 is the left/top edge, 1 the right/bottom edge" : string.Create(CultureInfo.InvariantCulture, $"use a value from {min} to {max}"));
                    return null;
                }

                return value;
            }

            Add(node, $"{what} must be a number", "write a plain number, e.g. 5 or 0.25");
            return null;
        }

        private TimeSpan? Duration(YamlNode node, string what)
        {
            string? text = Scalar(node, what);
            if (text is null)
            {
                return null;
            }

            string number = text.TrimEnd('s', 'm', 'h', 'd');
            string unit = text[number.Length..];
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || unit.Length > 1 || !double.IsFinite(value))
            {
                Add(node, $"{what} '{text}' is not a duration", "write a number with an optional unit: 90, 90s, 15m, 72h or 7d");
                return null;
            }

            if (value < 0)
            {
                Add(node, $"{what} is negative ({text})", "durations must be zero or more");
                return null;
            }

            return unit switch
            {
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                "d" => TimeSpan.FromDays(value),
                _ => TimeSpan.FromSeconds(value),
            };
        }

        private T? Choice<T>(YamlNode node, string what, Dictionary<string, T> choices)
            where T : struct
        {
            string? text = Scalar(node, what);
            if (text is null)
            {
                return null;
            }

            if (choices.TryGetValue(text, out T value))
            {
                return value;
            }

            Add(node, $"{what} '{text}' is not one of {string.Join(", ", choices.Keys)}", Suggest(text, choices.Keys, $"use one of {string.Join(", ", choices.Keys)}"));
            return null;
        }

        private string? Id(Dictionary<string, (YamlNode Key, YamlNode Value)> map, YamlNode node, string what)
        {
            if (!map.TryGetValue("id", out var id))
            {
                Add(node, $"a {what} has no id", $"add 'id:' with a short unique name for the {what}");
                return null;
            }

            string? text = Scalar(id.Value, $"{what} id");
            if (text is not null && !text.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            {
                Add(id.Value, $"{what} id '{text}' has characters other than letters, digits, '-' and '_'", "ids appear in URLs and logs: use e.g. plaza-north");
                return null;
            }

            return text;
        }

        private string? Text(Dictionary<string, (YamlNode Key, YamlNode Value)> map, string key, YamlNode owner, bool required, string? fix = null)
        {
            if (map.TryGetValue(key, out var v))
            {
                string? text = Scalar(v.Value, key);
                if (text is not null && string.IsNullOrWhiteSpace(text))
                {
                    Add(v.Value, $"'{key}' is empty", fix ?? $"give '{key}' a value");
                    return null;
                }

                return text;
            }

            return required ? Missing<string>(owner, key, fix ?? $"add '{key}:'") : null;
        }

        private string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: { } text })
            {
                return text;
            }

            Add(node, $"{what} must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}", $"write '{what}' as plain text");
            return null;
        }

        private IEnumerable<YamlNode> Sequence(YamlNode node, string what)
        {
            if (node is YamlSequenceNode seq)
            {
                return seq.Children;
            }

            if (node is YamlScalarNode { Value: null or "" })
            {
                return [];
            }

            Add(node, $"'{what}' must be a list", $"write each item of '{what}' on its own line starting with '- '");
            return [];
        }

        private Dictionary<string, (YamlNode Key, YamlNode Value)>? Mapping(YamlNode node, string[] allowed, string what)
        {
            if (node is not YamlMappingNode mapping)
            {
                Add(node, $"{what} must be a mapping of 'key: value' lines", "indent its fields under it");
                return null;
            }

            var result = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
            foreach ((YamlNode key, YamlNode value) in mapping.Children)
            {
                string name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    Add(key, $"unknown key '{name}' in {what}", Suggest(name, allowed, $"remove it; allowed keys: {string.Join(", ", allowed)}"));
                    continue;
                }

                if (!result.TryAdd(name, (key, value)))
                {
                    Add(key, $"key '{name}' appears twice in {what}", "keep one of them");
                }
            }

            return result;
        }

        private void Unique(IEnumerable<(string Id, YamlNode Node)> items, string what, HashSet<string>? ids)
        {
            ids ??= new HashSet<string>(StringComparer.Ordinal);
            foreach ((string id, YamlNode node) in items)
            {
                if (!ids.Add(id))
                {
                    Add(node, $"duplicate {what} id '{id}'", $"give every {what} its own id");
                }
            }
        }

        private T? Missing<T>(YamlNode owner, string key, string fix)
            where T : notnull
        {
            Add(owner, $"'{key}' is required", fix);
            return default;
        }

        private TimeSpan? Missing(YamlNode owner, string key, string fix)
        {
            Add(owner, $"'{key}' is required", fix);
            return null;
        }

        private void Add(YamlNode node, string message, string fix) =>
            Problems.Add(new ConfigProblem(file, (int)node.Start.Line, (int)node.Start.Column, message, fix));

        /// <summary>A "did you mean" for a near miss (edit distance ≤ 2), else the generic fix.</summary>
        private static string Suggest(string given, IEnumerable<string> options, string otherwise)
        {
            string? best = options.MinBy(o => Distance(given, o));
            return best is not null && Distance(given, best) <= 2 ? $"did you mean '{best}'?" : otherwise;
        }

        private static int Distance(string a, string b)
        {
            int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (int i = 1; i <= a.Length; i++)
            {
                int[] current = new int[b.Length + 1];
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }

                previous = current;
            }

            return previous[b.Length];
        }
    }
}
