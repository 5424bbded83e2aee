using Vigil.Server.Sensors;

namespace Vigil.Server.Api.Contracts;

/// <summary>What became of a batch of readings: how many were taken (they are stored within moments), and each refused one with why.</summary>
public sealed record ReadingsAcceptedDto(int Accepted, IReadOnlyList<RefusedReading> Refused);
