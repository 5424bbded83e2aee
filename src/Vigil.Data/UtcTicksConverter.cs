using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vigil.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks and reads it back as UTC.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
