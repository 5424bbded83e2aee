namespace Vigil.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
