using Microsoft.EntityFrameworkCore.Design;

namespace Vigil.Data.Design;

/// <summary>For <c>dotnet ef migrations add … --context SqliteVigilDbContext</c> only.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVigilDbContext>
{
    public SqliteVigilDbContext CreateDbContext(string[] args) =>
        (SqliteVigilDbContext)VigilDatabase.CreateContext(DatabaseSettings.Sqlite("design-time.db"));
}
