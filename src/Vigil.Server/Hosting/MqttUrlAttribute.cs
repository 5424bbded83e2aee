using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Hosting;

/// <summary>Checks <see cref="ServerOptions.MqttUrl"/>: empty, or <c>mqtt://host[:port]</c> / <c>mqtts://host[:port]</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MqttUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string { Length: > 0 } text || Parse(text) is not null
            ? ValidationResult.Success
            : new ValidationResult($"Vigil:MqttUrl: '{text}' is not an MQTT broker address; write mqtt://host:1883 or mqtts://host:8883.");

    /// <summary>The broker's host, port and whether to use TLS, or null when the text is not an MQTT URL.</summary>
    public static (string Host, int Port, bool Tls)? Parse(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "mqtt" or "mqtts" && uri.Host.Length > 0 && uri.AbsolutePath is "" or "/"
            ? (uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "mqtts" ? 8883 : 1883) : uri.Port, uri.Scheme == "mqtts")
            : null;
}
