using Vigil.Domain.Rules;

namespace Vigil.Domain.Sensors;

/// <summary>A rise of at least <see cref="Rise"/> (sensor's unit) within <see cref="Window"/> raises an alert of <see cref="Severity"/>, before any stage is reached.</summary>
public sealed record RateOfRise(double Rise, TimeSpan Window, Severity Severity);
