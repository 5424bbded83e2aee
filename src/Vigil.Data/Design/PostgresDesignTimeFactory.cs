using Microsoft.EntityFrameworkCore.Design;

namespace Vigil.Data.Design;

/// <summary>For <c>dotnet ef migrations add … --context PostgresVigilDbContext</c> only (no server needed).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVigilDbContext>
{
    public PostgresVigilDbContext CreateDbContext(string[] args) =>
        (PostgresVigilDbContext)VigilDatabase.CreateContext(DatabaseSettings.Parse("Host=localhost;Database=vigil_design", "."));
}
