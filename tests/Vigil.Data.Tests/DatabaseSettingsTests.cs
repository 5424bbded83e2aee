namespace Vigil.Data.Tests;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void Parse_Nothing_IsSqliteInTheDataFolder()
    {
        DatabaseSettings s = DatabaseSettings.Parse(null, "/srv/vigil");

        Assert.Equal(DatabaseProvider.Sqlite, s.Provider);
        Assert.Equal("SQLite /srv/vigil/vigil.db", s.Describe());
    }

    [Fact]
    public void Parse_PostgresUrl_BecomesAConnectionString_AndIsDescribedWithoutThePassword()
    {
        DatabaseSettings s = DatabaseSettings.Parse("postgresql://vigil:s%3Acret@db.example:5433/ecu911", "/data");

        Assert.Equal(DatabaseProvider.Postgres, s.Provider);
        Assert.Contains("Password=s:cret", s.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("PostgreSQL db.example:5433/ecu911", s.Describe());
    }

    [Theory]
    [InlineData("Host=localhost;Database=vigil;Username=vigil", DatabaseProvider.Postgres)]
    [InlineData("/var/lib/vigil/site.db", DatabaseProvider.Sqlite)]
    public void Parse_RecognisesTheProvider(string db, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseSettings.Parse(db, "/data").Provider);

    [Theory]
    [InlineData("mysql://x")]
    [InlineData("Host=localhost;Nonsense=3")]
    public void Parse_Unusable_SaysWhatIsAccepted(string db)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => DatabaseSettings.Parse(db, "/data"));

        Assert.Contains("--db", ex.Message, StringComparison.Ordinal);
    }
}
