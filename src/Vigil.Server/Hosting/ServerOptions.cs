using System.ComponentModel.DataAnnotations;
using Vigil.Data.Audit;
using Vigil.Domain.Dispatch;

namespace Vigil.Server.Hosting;

/// <summary>
/// The host's settings (configuration section <c>Vigil</c>; <c>vigil serve</c> fills it from its
/// options). Validated at start-up: a wrong value stops the host before it listens.
/// </summary>
public sealed class ServerOptions
{
    public const string SectionName = "Vigil";

    /// <summary>The <c>vigil.yaml</c> to run; empty means the demo configuration shipped with the binary.</summary>
    public string? ConfigPath { get; set; }

    /// <summary>Database file, media and keys live here (default: <c>$VIGIL_HOME/data</c>).</summary>
    public string? DataDirectory { get; set; }

    /// <summary><c>--db</c>: empty for SQLite in the data folder, else a PostgreSQL connection string or URL.</summary>
    public string? Database { get; set; }

    /// <summary>Run the camera pipelines (off only for API-only hosts and tests).</summary>
    public bool RunPipelines { get; set; } = true;

    /// <summary>
    /// ONNX Runtime threads per inference; 0 (the default) chooses: the cores divided among the
    /// cameras, at least 1. With several cameras the parallelism comes from the cameras themselves,
    /// and extra intra-op threads only contend (BENCHMARKS.md: p99 alert latency 385 ms with 2
    /// threads, 241 ms with 1, 8 cameras on 2 cores).
    /// </summary>
    [Range(0, 64)]
    public int DetectorThreads { get; set; }

    /// <summary>The detector threads to use for this many cameras.</summary>
    public int DetectorThreadsFor(int cameras) =>
        DetectorThreads > 0 ? DetectorThreads : Math.Clamp(Environment.ProcessorCount / Math.Max(1, cameras), 1, 4);

    /// <summary>
    /// The MQTT broker sensors publish to (<c>mqtt://host:port</c>, or <c>mqtts://</c> for TLS); empty
    /// for none. Readings arrive on <c>TOPIC/SITE/sensors/SENSOR/readings</c>; alerts and states leave on
    /// <c>TOPIC/SITE/...</c> (ADR 018, README "MQTT").
    /// </summary>
    [MqttUrl]
    public string? MqttUrl { get; set; }

    public string? MqttUsername { get; set; }

    /// <summary>Given through the environment (<c>Vigil__MqttPassword</c>), never in a file the repository holds.</summary>
    public string? MqttPassword { get; set; }

    /// <summary>The first level of every Vigil topic.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string MqttTopic { get; set; } = "vigil";

    /// <summary>This installation's short name: the second level of its topics, so several centres can share one broker.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Site { get; set; } = "main";

    /// <summary>
    /// Opens the installation key of the cameras' originals (issue 22): given through the environment
    /// (<c>VIGIL_Vigil__OriginalsSecret</c>), never in a file; needed only when a camera keeps originals.
    /// Lost, the originals cannot be opened (they expire within days anyway).
    /// </summary>
    public string? OriginalsSecret { get; set; }

    /// <summary>The largest request body accepted, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Consecutive wrong passwords before an account locks.</summary>
    [Range(1, 100)]
    public int LockoutAfterFailures { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 5;

    /// <summary>The first admin's password (from <c>VIGIL_ADMIN_PASSWORD</c>); generated and printed once when empty.</summary>
    public string? AdminPassword { get; set; }

    [Range(10, 100)]
    public int JpegQuality { get; set; } = 80;

    /// <summary>Days an incident's evidence (its alerts' snapshots) is kept after it closes.</summary>
    [Range(0, 3650)]
    public int EvidenceDays { get; set; } = 30;

    /// <summary>Minutes between signed audit checkpoints (when entries were added).</summary>
    [Range(1, 24 * 60)]
    public int AuditCheckpointMinutes { get; set; } = 10;

    /// <summary>Entries between signed audit checkpoints.</summary>
    [Range(1, 1_000_000)]
    public int AuditCheckpointEvery { get; set; } = AuditLog.DefaultCheckpointEvery;

    /// <summary>
    /// The console map's tile source, a Leaflet URL template such as
    /// <c>https://tiles.example.org/{z}/{x}/{y}.png</c> (the city's own tile server). Empty (the
    /// default): no tiles, a plain background under the markers; nothing leaves the network.
    /// </summary>
    [RegularExpression(@"^(https?://\S+\{z\}\S*)?$", ErrorMessage = "Vigil:MapTiles must be an http(s) URL template containing {{z}}, {{x}} and {{y}}, or empty.")]
    public string? MapTiles { get; set; }

    /// <summary>The attribution the tile source's licence asks for, shown on the map.</summary>
    [StringLength(300)]
    public string? MapAttribution { get; set; }

    /// <summary>
    /// Live tiles that stream at once on the camera wall when the browser reached Vigil over plain
    /// HTTP/1.1 (browsers open at most six connections per server; the rest must stay free for the
    /// console itself). Other tiles pause until chosen. Over HTTP/2 (HTTPS) every tile streams.
    /// </summary>
    [Range(1, 5)]
    public int WallStreamsOverHttp1 { get; set; } = 4;

    /// <summary>Turnout target for ambulances, in seconds (NFPA 1710: 60).</summary>
    [Range(1, 3600)]
    public int TurnoutEmsTargetSeconds { get; set; } = 60;

    /// <summary>Turnout target for fire and other units, in seconds (NFPA 1710: 80).</summary>
    [Range(1, 3600)]
    public int TurnoutFireTargetSeconds { get; set; } = 80;

    /// <summary>Travel target for the first unit on scene, in seconds (NFPA 1710: 240).</summary>
    [Range(1, 7200)]
    public int TravelTargetSeconds { get; set; } = 240;

    /// <summary>Who publishes the public warnings: the CAP <c>sender</c> (no spaces or commas), e.g. <c>warnings@city.example</c>. Default: <c>vigil@</c> + the host name.</summary>
    [RegularExpression(@"^[^\s,<&]{1,200}$", ErrorMessage = "Vigil:CapSender must be one word without spaces, commas, '<' or '&', e.g. warnings@city.example.")]
    public string? CapSender { get; set; }

    /// <summary>The name the public sees as the warnings' author (CAP <c>senderName</c>).</summary>
    [StringLength(200, MinimumLength = 1)]
    public string CapSenderName { get; set; } = "Emergency centre (Vigil)";

    /// <summary>CAP <c>status</c> of every published warning: <c>Actual</c>; the demo publishes <c>Exercise</c>.</summary>
    [RegularExpression("^(Actual|Exercise|System|Test|Draft)$", ErrorMessage = "Vigil:CapStatus must be Actual, Exercise, System, Test or Draft.")]
    public string CapStatus { get; set; } = "Actual";

    /// <summary>The language of the warnings' text (CAP <c>language</c>, RFC 3066), e.g. <c>es-EC</c>.</summary>
    [RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", ErrorMessage = "Vigil:CapLanguage must be a language tag such as en-US or es-EC.")]
    public string CapLanguage { get; set; } = "en-US";

    /// <summary>
    /// Reverse proxies (addresses or CIDR networks, e.g. <c>127.0.0.1</c>, <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: the client's address then
    /// comes from the proxy (the sign-in rate limit and the audit log see the real client) and cookies
    /// are <c>Secure</c> when the client used HTTPS. Empty (the default): forwarded headers are ignored.
    /// </summary>
    [TrustedProxyList]
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// This centre's agency identifier in incident exchange (NENA EIDO; a domain name, NENA-STA-010),
    /// e.g. <c>ecu911.gob.ec</c>. Default: the domain of the CAP sender.
    /// </summary>
    [RegularExpression(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9][A-Za-z0-9-]{0,62})*$", ErrorMessage = "Vigil:AgencyId must be a domain name such as ecu911.gob.ec.")]
    public string? AgencyId { get; set; }

    /// <summary>The agency identifier in effect.</summary>
    public string ResolvedAgencyId => !string.IsNullOrWhiteSpace(AgencyId)
        ? AgencyId
        : new string(ResolvedCapSender[(ResolvedCapSender.LastIndexOf('@') + 1)..].Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray()) is { Length: > 0 } domain ? domain : "vigil";

    /// <summary>The CAP sender in effect.</summary>
    public string ResolvedCapSender => string.IsNullOrWhiteSpace(CapSender)
        ? "vigil@" + new string(Environment.MachineName.ToLowerInvariant().Where(c => c > ' ' && c is not ',' and not '<' and not '&').ToArray())
        : CapSender;

    /// <summary>The response-time targets these settings describe.</summary>
    public ResponseTargets Targets => new()
    {
        TurnoutEms = TimeSpan.FromSeconds(TurnoutEmsTargetSeconds),
        TurnoutFire = TimeSpan.FromSeconds(TurnoutFireTargetSeconds),
        TravelFirstUnit = TimeSpan.FromSeconds(TravelTargetSeconds),
    };

    /// <summary>Where the installation's keys live (cookie keys, the audit signing key).</summary>
    public string KeysDirectory => Path.Combine(ResolvedDataDirectory, "keys");

    /// <summary>The data folder, resolved.</summary>
    public string ResolvedDataDirectory => Path.GetFullPath(
        string.IsNullOrWhiteSpace(DataDirectory)
            ? Path.Combine(Environment.GetEnvironmentVariable("VIGIL_HOME") is { Length: > 0 } home ? home : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vigil"), "data")
            : DataDirectory);

    /// <summary>The configuration file, resolved.</summary>
    public string ResolvedConfigPath => string.IsNullOrWhiteSpace(ConfigPath)
        ? Path.Combine(AppContext.BaseDirectory, "config", "demo.yaml")
        : Path.GetFullPath(ConfigPath);
}
