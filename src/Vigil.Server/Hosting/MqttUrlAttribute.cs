using System.ComponentModel.DataAnnotations;
using Vigil.Domain.Security;

namespace Vigil.Server.Hosting;

/// <summary>Checks <see cref="ServerOptions.MqttUrl"/>: empty, or <c>mqtt://host[:port]</c> / <c>mqtts://host[:port]</c>, without credentials (they have settings of their own).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MqttUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string { Length: > 0 } text)
        {
            return ValidationResult.Success;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.UserInfo.Length > 0)
        {
            return new ValidationResult($"Vigil:MqttUrl: '{SecretText.RedactUrl(text)}' carries credentials; put them in Vigil:MqttUsername and Vigil:MqttPassword (the password through the environment), never in the URL.");
        }

        return Parse(text) is not null
            ? ValidationResult.Success
            : new ValidationResult($"Vigil:MqttUrl: '{SecretText.RedactUrl(text)}' is not an MQTT broker address; write mqtt://host:1883 or mqtts://host:8883.");
    }

    /// <summary>The broker's host, port and whether to use TLS, or null when the text is not an MQTT URL.</summary>
    public static (string Host, int Port, bool Tls)? Parse(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "mqtt" or "mqtts" && uri.Host.Length > 0 && uri.AbsolutePath is "" or "/"
            ? (uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "mqtts" ? 8883 : 1883) : uri.Port, uri.Scheme == "mqtts")
            : null;
}
