using Microsoft.EntityFrameworkCore;

namespace Vigil.Data;

/// <summary>
/// The single-machine default. SQLite cannot order or compare <see cref="DateTimeOffset"/> values,
/// so times are stored as UTC ticks (sortable integers); every time Vigil writes is UTC anyway.
/// </summary>
public sealed class SqliteVigilDbContext(DbContextOptions<SqliteVigilDbContext> options) : VigilDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

}
