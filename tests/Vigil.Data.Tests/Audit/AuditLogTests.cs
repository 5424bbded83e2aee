using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Tests.Audit;

/// <summary>
/// Many callers at once: each action is saved with exactly its own entry, in one unbroken chain,
/// and one caller's failure or cancellation costs nobody else their save.
/// </summary>
public sealed class AuditLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-auditlog-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ManyCallersAtOnce_EachActionIsSavedWithItsOwnEntry_InOneIntactChain(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = DatabaseSettings.Parse(database.ConnectionString, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        var log = new AuditLog(TimeProvider.System, signer, checkpointEvery: 10);

        await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() => CreateUserAsync(log, settings, $"user{i:D2}"))));

        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        List<AuditEntryRecord> entries = await check.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), entries.Select(e => e.Sequence));
        List<string> users = await check.Users.Select(u => u.Id).ToListAsync();
        Assert.Equal(users.Order(StringComparer.Ordinal), entries.Select(e => e.Target![5..]).Order(StringComparer.Ordinal));
        using System.Security.Cryptography.ECDsa key = AuditSigner.PublicKeyFromPem(signer.PublicKeyPem);
        AuditVerification result = await AuditVerifier.VerifyAsync(check, key, null, CancellationToken.None);
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(8, result.CheckpointsVerified);
    }

    [Fact]
    public async Task CallersWhoseActionFails_AmongOthersAtOnce_FailAlone()
    {
        DatabaseSettings settings = DatabaseSettings.Parse(null, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        var log = new AuditLog(TimeProvider.System);

        // Every fifth caller creates a user name that is already taken: its save, and only its save, fails.
        await CreateUserAsync(log, settings, "taken");
        Task[] callers = [.. Enumerable.Range(0, 40).Select(i => Task.Run(() => CreateUserAsync(log, settings, i % 5 == 0 ? "taken" : $"user{i:D2}", $"id{i:D2}")))];
        await Assert.ThrowsAnyAsync<Exception>(() => Task.WhenAll(callers));

        Assert.Equal(8, callers.Count(c => c.Exception?.InnerException is DbUpdateException));
        Assert.Equal(32, callers.Count(c => c.IsCompletedSuccessfully));
        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        Assert.Equal(33, await check.Users.CountAsync());
        Assert.Equal(33, await check.AuditEntries.CountAsync());
        Assert.True((await AuditVerifier.VerifyAsync(check, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task ACallerCancelledWhileWaitingItsTurn_SavesNothing_AndTheNextCallerIsServed()
    {
        DatabaseSettings settings = DatabaseSettings.Parse(null, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        var hold = new HoldFirstSave();
        Func<VigilDbContext> contexts = VigilDatabase.CreateFactory(settings, o => o.AddInterceptors(hold));
        var log = new AuditLog(TimeProvider.System);

        // The first save is held inside the database call, so the callers after it wait their turn.
        Task first = CreateUserAsync(log, contexts, "first");
        await hold.Entered.Task;
        using var cancel = new CancellationTokenSource();
        Task second = CreateUserAsync(log, contexts, "second", cancellationToken: cancel.Token);
        Task third = CreateUserAsync(log, contexts, "third");
        await cancel.CancelAsync();
        hold.Release.SetResult();

        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        await third;
        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        Assert.Equal(["first", "third"], await check.Users.OrderBy(u => u.UserName).Select(u => u.UserName).ToListAsync());
        Assert.Equal(["user/first", "user/third"], await check.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Target!).ToListAsync());
        Assert.True((await AuditVerifier.VerifyAsync(check, CancellationToken.None)).IsIntact);
    }

    private static Task CreateUserAsync(AuditLog log, DatabaseSettings settings, string name, string? id = null) =>
        CreateUserAsync(log, () => VigilDatabase.CreateContext(settings), name, id);

    private static async Task CreateUserAsync(AuditLog log, Func<VigilDbContext> contexts, string name, string? id = null, CancellationToken cancellationToken = default)
    {
        await using VigilDbContext db = contexts();
        id ??= name;
        db.Users.Add(new UserRecord { Id = id, UserName = name, NormalizedUserName = name.ToUpperInvariant(), PasswordHash = "h", SecurityStamp = "s" });
        await log.SaveWithAsync(db, "admin", AuditActions.UserCreated, $"user/{id}", null, cancellationToken);
    }

    /// <summary>Holds the first save made through it until the test lets it go.</summary>
    private sealed class HoldFirstSave : SaveChangesInterceptor
    {
        private int _saves;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _saves) == 1)
            {
                Entered.SetResult();
                await Release.Task;
            }

            return result;
        }
    }
}
