using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Vigil.Server.Hosting;

/// <summary>Checks <see cref="ServerOptions.TrustedProxies"/>: each entry an IP address or a CIDR network.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TrustedProxyListAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        foreach (string entry in value as string[] ?? [])
        {
            if (!IPAddress.TryParse(entry, out _) && !IPNetwork.TryParse(entry, out _))
            {
                return new ValidationResult($"Vigil:TrustedProxies: '{entry}' is neither an IP address nor a CIDR network (e.g. 127.0.0.1 or 10.0.0.0/8).");
            }
        }

        return ValidationResult.Success;
    }
}
