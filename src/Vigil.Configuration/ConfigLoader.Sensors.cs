using System.Globalization;
using Vigil.Domain.Cameras;
using Vigil.Domain.Rules;
using Vigil.Domain.Sensors;
using YamlDotNet.RepresentationModel;

namespace Vigil.Configuration;

public static partial class ConfigLoader
{
    /// <summary>
    /// <c>sensors:</c>, each e.g. <c>{ id: tomebamba, kind: river_level, unit: m, purpose: ..., interval: 5m,
    /// stages: { action: 2.0, minor: 2.5, moderate: 3.0, major: 3.5 }, hysteresis: 0.1, min_duration: 10m,
    /// rise: { by: 0.3, within: 15m, severity: warning }, retention: 90d, location: { lat, lon } }</c>.
    /// </summary>
    private sealed partial class ConfigReader
    {
        private static readonly string[] s_sensorKeys = ["id", "name", "kind", "unit", "purpose", "location", "interval", "stages", "hysteresis", "min_duration", "rise", "retention"];

        /// <summary>The river stages' default severities (a stage may say its own).</summary>
        private static readonly Dictionary<string, Severity> s_riverSeverities = new(StringComparer.Ordinal)
        {
            ["action"] = Severity.Info,
            ["minor"] = Severity.Warning,
            ["moderate"] = Severity.Warning,
            ["major"] = Severity.Critical,
        };

        private List<Sensor> ReadSensors(YamlNode node)
        {
            var sensors = new List<(Sensor Sensor, YamlNode Node)>();
            foreach (YamlNode item in Sequence(node, "sensors"))
            {
                if (ReadSensor(item) is { } sensor)
                {
                    sensors.Add((sensor, item));
                }
            }

            Unique(sensors.Select(s => (s.Sensor.Id, s.Node)), "sensor", ids: null);
            return sensors.Select(s => s.Sensor).ToList();
        }

        private Sensor? ReadSensor(YamlNode node)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, s_sensorKeys, "a sensor");
            if (map is null)
            {
                return null;
            }

            string? id = Id(map, node, "sensor");
            string? name = Text(map, "name", node, required: false) ?? id;
            string? purpose = Text(map, "purpose", node, required: true, fix: "state why this sensor is watched, e.g. 'Flood warning for Cuenca'; it is public, as a camera's");
            SensorKindInfo? kind = null;
            if (map.TryGetValue("kind", out var k))
            {
                kind = Choice(k.Value, "kind", SensorKinds.All.ToDictionary(i => i.Name, i => i.Kind, StringComparer.Ordinal)) is { } parsed ? SensorKinds.Of(parsed) : null;
            }
            else
            {
                Add(node, "'kind' is required", $"add 'kind:' ({string.Join(", ", SensorKinds.All.Select(i => i.Name))})");
            }

            string? unit = Text(map, "unit", node, required: true, fix: "add 'unit:' (e.g. m for a river level)");
            if (kind is not null && unit is not null && kind.Kind != SensorKind.Generic && kind.Unit(unit) is null)
            {
                Add(map["unit"].Value, $"unit '{unit}' is not a unit of {kind.Name}", $"use one of {string.Join(", ", kind.Units.Select(u => u.Name))}");
                unit = null;
            }

            TimeSpan? interval = map.TryGetValue("interval", out var iv) ? Duration(iv.Value, "interval") : Missing(node, "interval", "add how often it reports, e.g. 'interval: 5m'");
            if (interval is { } every && every <= TimeSpan.Zero)
            {
                Add(map["interval"].Value, "interval must be more than zero", "write how often it reports, e.g. 5m");
                interval = null;
            }

            GeoLocation? location = map.TryGetValue("location", out var loc) ? ReadLocation(loc.Value) : null;
            IReadOnlyList<SensorStage> stages = map.TryGetValue("stages", out var st) && kind is not null ? ReadStages(st.Value, kind) : [];
            double hysteresis = map.TryGetValue("hysteresis", out var hy) ? Number(hy.Value, "hysteresis", 0, double.MaxValue) ?? 0 : 0;
            TimeSpan? minDuration = map.TryGetValue("min_duration", out var md) ? Duration(md.Value, "min_duration") : interval;
            RateOfRise? rise = map.TryGetValue("rise", out var ri) ? ReadRise(ri.Value) : null;
            TimeSpan retention = map.TryGetValue("retention", out var re) ? Duration(re.Value, "retention") ?? TimeSpan.FromDays(30) : TimeSpan.FromDays(30);
            if (id is null || purpose is null || kind is null || unit is null || interval is null)
            {
                return null;
            }

            return new Sensor
            {
                Id = id,
                Name = name ?? id,
                Kind = kind.Kind,
                Unit = unit,
                Purpose = purpose,
                Location = location,
                Interval = interval.Value,
                Stages = stages,
                Hysteresis = hysteresis,
                MinDuration = minDuration ?? interval.Value,
                RateOfRise = rise,
                Retention = retention,
            };
        }

        /// <summary><c>stages: { action: 2.0, minor: { at: 2.5, severity: warning }, ... }</c>, thresholds rising in the order written.</summary>
        private List<SensorStage> ReadStages(YamlNode node, SensorKindInfo kind)
        {
            if (node is not YamlMappingNode mapping)
            {
                Add(node, "stages must be a mapping of 'name: threshold' lines", "e.g. 'stages: { action: 2.0, minor: 2.5, moderate: 3.0, major: 3.5 }'");
                return [];
            }

            bool river = kind.Kind is SensorKind.RiverLevel or SensorKind.RiverFlow;
            var stages = new List<SensorStage>();
            foreach ((YamlNode key, YamlNode value) in mapping.Children)
            {
                string name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (river && !s_riverSeverities.ContainsKey(name))
                {
                    Add(key, $"'{name}' is not a river stage", Suggest(name, SensorStage.RiverStages, $"river stages are {string.Join(", ", SensorStage.RiverStages)} (the US weather service's flood categories)"));
                    continue;
                }

                Severity severity = s_riverSeverities.GetValueOrDefault(name, Severity.Warning);
                double? threshold;
                if (value is YamlMappingNode && Mapping(value, ["at", "severity"], $"stage {name}") is { } detail)
                {
                    threshold = detail.TryGetValue("at", out var at) ? Number(at.Value, $"stages.{name}.at", double.MinValue, double.MaxValue) : Missing<double>(value, "at", "add 'at:' with the stage's threshold");
                    if (detail.TryGetValue("severity", out var sv))
                    {
                        severity = Choice(sv.Value, $"stages.{name}.severity", s_severities) ?? severity;
                    }
                }
                else
                {
                    threshold = Number(value, $"stages.{name}", double.MinValue, double.MaxValue);
                }

                if (threshold is not { } t)
                {
                    continue;
                }

                if (stages.Count > 0 && t <= stages[^1].Threshold)
                {
                    Add(value, string.Create(CultureInfo.InvariantCulture, $"stage '{name}' ({t}) is not above '{stages[^1].Name}' ({stages[^1].Threshold})"), "list stages lowest first, each threshold higher than the one before");
                    continue;
                }

                stages.Add(new SensorStage(name, t, severity));
            }

            return stages;
        }

        /// <summary><c>rise: { by: 0.3, within: 15m, severity: warning }</c>.</summary>
        private RateOfRise? ReadRise(YamlNode node)
        {
            Dictionary<string, (YamlNode Key, YamlNode Value)>? map = Mapping(node, ["by", "within", "severity"], "rise");
            if (map is null)
            {
                return null;
            }

            double? by = map.TryGetValue("by", out var b) ? Number(b.Value, "rise.by", double.Epsilon, double.MaxValue) : Missing<double>(node, "by", "add 'by:' with how much of a rise alerts (sensor's unit)");
            TimeSpan? within = map.TryGetValue("within", out var w) ? Duration(w.Value, "rise.within") : Missing(node, "within", "add 'within:' with the window, e.g. 15m");
            Severity severity = map.TryGetValue("severity", out var sv) ? Choice(sv.Value, "rise.severity", s_severities) ?? Severity.Warning : Severity.Warning;
            if (within is { } window && window <= TimeSpan.Zero)
            {
                Add(map["within"].Value, "rise.within must be more than zero", "write the window, e.g. 15m");
                return null;
            }

            return by is { } amount && within is { } span ? new RateOfRise(amount, span, severity) : null;
        }
    }
}
