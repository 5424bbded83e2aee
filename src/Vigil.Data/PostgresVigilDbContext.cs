using Microsoft.EntityFrameworkCore;

namespace Vigil.Data;

/// <summary>The multi-site system of record: times are <c>timestamptz</c>, as an operator querying it expects.</summary>
public sealed class PostgresVigilDbContext(DbContextOptions<PostgresVigilDbContext> options) : VigilDbContext(options)
{
    internal override bool SharesAuditCommits => true;
}
