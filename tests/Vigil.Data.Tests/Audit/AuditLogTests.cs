using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Audit;
using Vigil.Domain.Rules;

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
        DatabaseSettings settings = await MigratedAsync(database);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        var log = new AuditLog(TimeProvider.System, signer, checkpointEvery: 10);

        await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() => CreateUserAsync(log, settings, $"user{i:D2}"))));

        await AssertOneEntryPerUser_AndTheChainVerifiesAsync(settings, signer, users: 80, checkpoints: 8);
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

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACallerCancelledWhileWaitingItsTurn_SavesNothing_AndTheNextCallerIsServed(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = await MigratedAsync(database);
        var hold = new HoldFirstSave();
        Func<VigilDbContext> contexts = VigilDatabase.CreateFactory(settings, o => o.AddInterceptors(hold));
        var log = new AuditLog(TimeProvider.System);

        // The first save is held inside the database call, so the callers after it wait their turn.
        Task first = CreateUserAsync(log, contexts, "first");
        await hold.Entered.Task;
        using var cancel = new CancellationTokenSource();
        Task second = CreateUserAsync(log, contexts, "second", cancellationToken: cancel.Token);
        Task third = CreateUserAsync(log, contexts, "third");
        await QueuedAsync(log, 2);
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

    [Fact]
    public async Task SavesQueuedBehindOne_OnPostgres_ShareOneCommit_AndOneWhoseActionFails_FailsAlone()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("postgres");
        DatabaseSettings settings = await MigratedAsync(database);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        var log = new AuditLog(TimeProvider.System, signer, checkpointEvery: 5);
        await CreateUserAsync(log, settings, "taken");

        // The first save is held inside the database call while 30 more queue behind it; every fifth reuses a taken name.
        (Task first, HoldFirstSave hold) = await HeldFirstSaveAsync(log, settings);
        Task[] queued = [.. Enumerable.Range(0, 30).Select(i => Task.Run(() => CreateUserAsync(log, settings, i % 5 == 0 ? "taken" : $"user{i:D2}", $"id{i:D2}")))];
        await QueuedAsync(log, 30);
        hold.Release.SetResult();
        await first;
        await Assert.ThrowsAnyAsync<Exception>(() => Task.WhenAll(queued));

        Assert.Equal(6, queued.Count(c => c.Exception?.InnerException is DbUpdateException));
        Assert.Equal(24, queued.Count(c => c.IsCompletedSuccessfully));
        Assert.Equal(26, log.Appended);
        Assert.Equal(3, log.Commits); // "taken", "first", then the 24 that queued behind it, together
        await AssertOneEntryPerUser_AndTheChainVerifiesAsync(settings, signer, users: 26, checkpoints: 5);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACheckpointQueuedAmongSaves_SignsTheEntryBeforeIt_AndTheSavesBehindItFollow(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = await MigratedAsync(database);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        var log = new AuditLog(TimeProvider.System, signer);
        (Task first, HoldFirstSave hold) = await HeldFirstSaveAsync(log, settings);

        // Queued in this order behind the held save: three saves, the checkpoint timer's turn, three saves.
        Task[] before = [.. Enumerable.Range(0, 3).Select(i => Task.Run(() => CreateUserAsync(log, settings, $"before{i}")))];
        await QueuedAsync(log, 3);
        Task checkpoint = Task.Run(async () =>
        {
            await using VigilDbContext db = VigilDatabase.CreateContext(settings);
            await log.CheckpointAsync(db, CancellationToken.None);
        });
        await QueuedAsync(log, 4);
        Task[] after = [.. Enumerable.Range(0, 3).Select(i => Task.Run(() => CreateUserAsync(log, settings, $"after{i}")))];
        await QueuedAsync(log, 7);
        hold.Release.SetResult();
        await Task.WhenAll([first, checkpoint, .. before, .. after]);

        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        Assert.Equal([4L], await check.AuditCheckpoints.Select(c => c.Sequence).ToListAsync());
        Assert.Equal(["first"], await check.AuditEntries.Where(e => e.Sequence == 1).Select(e => e.Target!.Substring(5)).ToListAsync());
        Assert.All(await check.AuditEntries.Where(e => e.Sequence > 1 && e.Sequence <= 4).Select(e => e.Target!).ToListAsync(), t => Assert.StartsWith("user/before", t, StringComparison.Ordinal));
        Assert.All(await check.AuditEntries.Where(e => e.Sequence > 4).Select(e => e.Target!).ToListAsync(), t => Assert.StartsWith("user/after", t, StringComparison.Ordinal));
        await AssertOneEntryPerUser_AndTheChainVerifiesAsync(settings, signer, users: 7, checkpoints: 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnceSaved_NoCallersContextIsKeptAliveByTheLog(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = await MigratedAsync(database);
        var log = new AuditLog(TimeProvider.System);
        (Task first, HoldFirstSave hold) = await HeldFirstSaveAsync(log, settings);
        (Task Save, WeakReference Context)[] queued = [.. Enumerable.Range(0, 30).Select(i => StartSave(log, settings, $"user{i:D2}"))];
        await QueuedAsync(log, 30);
        hold.Release.SetResult();
        await first;
        await Task.WhenAll(queued.Select(q => q.Save));

        // A server saves thousands of actions a minute: a context the log held on to would keep its whole request alive.
        // Collected again for a while, because a caller's task completes a moment before its thread lets go of its frame.
        for (int tries = 0; tries < 100 && queued.Any(q => q.Context.IsAlive); tries++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            await Task.Delay(10);
        }

        Assert.Equal(0, queued.Count(q => q.Context.IsAlive));
        Assert.Equal(31, log.Appended);
    }

    [Fact]
    public async Task PooledContexts_BackFromASharedCommit_SaveAloneOnTheirOwnConnections()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("postgres");
        DatabaseSettings settings = await MigratedAsync(database);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        var log = new AuditLog(TimeProvider.System, signer);
        Func<VigilDbContext> pooled = VigilDatabase.CreatePooledFactory(settings);
        (Task first, HoldFirstSave hold) = await HeldFirstSaveAsync(log, settings);
        Task[] queued = [.. Enumerable.Range(0, 10).Select(i => Task.Run(() => CreateUserAsync(log, pooled, $"together{i}")))];
        await QueuedAsync(log, 10);
        hold.Release.SetResult();
        await first;
        await Task.WhenAll(queued);
        Assert.Equal(2, log.Commits);

        // The server's contexts come from a pool: those that ran on another's connection are handed out again.
        for (int i = 0; i < 10; i++)
        {
            await CreateUserAsync(log, pooled, $"alone{i}");
        }

        Assert.Equal(12, log.Commits);
        await AssertOneEntryPerUser_AndTheChainVerifiesAsync(settings, signer, users: 21, checkpoints: 0);
    }

    [Fact]
    public async Task TwoChangesToOneAlert_InOneSharedCommit_TheSecondFailsAsAConflict_AndLeavesNoEntry()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("postgres");
        DatabaseSettings settings = await MigratedAsync(database);
        var log = new AuditLog(TimeProvider.System);
        string id = await NewAlertAsync(settings);

        // Both operators read the alert at the same version; their saves queue behind a held one and run in one transaction,
        // where the second update finds the version already moved: a conflict, though the database raised no error.
        (Task first, HoldFirstSave hold) = await HeldFirstSaveAsync(log, settings);
        Task<AlertRecord>[] operators = [ChangeAlertAsync(log, settings, id, "ana saw it"), ChangeAlertAsync(log, settings, id, "ben saw it")];
        await QueuedAsync(log, 2);
        hold.Release.SetResult();
        await first;
        await Assert.ThrowsAnyAsync<Exception>(() => Task.WhenAll(operators));

        Assert.Equal(1, operators.Count(o => o.Exception?.InnerException is DbUpdateConcurrencyException));
        AlertRecord saved = await Assert.Single(operators, o => o.IsCompletedSuccessfully);
        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        AlertRecord stored = await check.Alerts.SingleAsync(a => a.Id == id);
        Assert.Equal((saved.Note, 1), (stored.Note, stored.Version));
        AuditEntryRecord entry = await check.AuditEntries.SingleAsync(e => e.Target == $"alert/{id}");
        Assert.Equal(stored.Note, entry.Detail);
        Assert.True((await AuditVerifier.VerifyAsync(check, CancellationToken.None)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASaveInsideTheCallersOwnTransaction_IsRefused_AndTheChainGoesOn(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = await MigratedAsync(database);
        var log = new AuditLog(TimeProvider.System);
        await CreateUserAsync(log, settings, "ana");

        // Were it allowed, the caller could roll back an entry the next one is already chained to.
        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            await using IDbContextTransaction transaction = await db.Database.BeginTransactionAsync();
            db.Users.Add(new UserRecord { Id = "ben", UserName = "ben", NormalizedUserName = "BEN", PasswordHash = "h", SecurityStamp = "s" });
            InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(
                () => log.SaveWithAsync(db, "admin", AuditActions.UserCreated, "user/ben", null, CancellationToken.None));
            Assert.Contains("its own transaction", refused.Message, StringComparison.Ordinal);
            await transaction.RollbackAsync();
        }

        await CreateUserAsync(log, settings, "cleo");
        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        Assert.Equal(["user/ana", "user/cleo"], await check.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Target!).ToListAsync());
        Assert.True((await AuditVerifier.VerifyAsync(check, CancellationToken.None)).IsIntact);
    }

    /// <summary>The test database's settings, with the schema in place.</summary>
    private async Task<DatabaseSettings> MigratedAsync(TestDatabase database)
    {
        DatabaseSettings settings = DatabaseSettings.Parse(database.ConnectionString, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        return settings;
    }

    /// <summary>Every stored user has its one entry, the entries are numbered 1..n without a gap, and the chain and its signed checkpoints verify.</summary>
    private static async Task AssertOneEntryPerUser_AndTheChainVerifiesAsync(DatabaseSettings settings, AuditSigner signer, int users, int checkpoints)
    {
        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        List<string> ids = await check.Users.Select(u => u.Id).ToListAsync();
        Assert.Equal(users, ids.Count);
        List<AuditEntryRecord> entries = await check.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, users).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(ids.Order(StringComparer.Ordinal), entries.Select(e => e.Target![5..]).Order(StringComparer.Ordinal));
        using System.Security.Cryptography.ECDsa key = AuditSigner.PublicKeyFromPem(signer.PublicKeyPem);
        AuditVerification result = await AuditVerifier.VerifyAsync(check, key, null, CancellationToken.None);
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(checkpoints, result.CheckpointsVerified);
    }

    /// <summary>Starts saving the user "first" and returns once that save is held inside the database call, so the saves after it queue.</summary>
    private static async Task<(Task First, HoldFirstSave Hold)> HeldFirstSaveAsync(AuditLog log, DatabaseSettings settings)
    {
        var hold = new HoldFirstSave();
        Task first = CreateUserAsync(log, VigilDatabase.CreateFactory(settings, o => o.AddInterceptors(hold)), "first");
        await hold.Entered.Task;
        return (first, hold);
    }

    /// <summary>Waits until <paramref name="count"/> saves are queued behind the one being written.</summary>
    private static async Task QueuedAsync(AuditLog log, int count)
    {
        for (int waited = 0; log.QueueDepth < count; waited += 5)
        {
            Assert.True(waited < 30_000, $"{log.QueueDepth} of {count} saves queued after 30 s");
            await Task.Delay(5);
        }
    }

    private static async Task<string> NewAlertAsync(DatabaseSettings settings)
    {
        await using VigilDbContext db = VigilDatabase.CreateContext(settings);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        var alert = new AlertRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            CameraId = "campus-path",
            RuleId = "lawn-entry",
            Kind = RuleKind.ZoneEntry,
            ZoneId = "lower-lawn",
            TrackId = 1,
            Severity = Severity.Warning,
            State = AlertState.New,
            OpenedAt = now,
            UpdatedAt = now,
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    private static async Task<AlertRecord> ChangeAlertAsync(AuditLog log, DatabaseSettings settings, string id, string note)
    {
        await using VigilDbContext db = VigilDatabase.CreateContext(settings);
        AlertRecord alert = await db.Alerts.SingleAsync(a => a.Id == id);
        alert.State = AlertState.Acknowledged;
        alert.Note = note;
        alert.Version++;
        await log.SaveWithAsync(db, "operator", AuditActions.AlertAcknowledged, $"alert/{id}", note, CancellationToken.None);
        return alert;
    }

    private static Task CreateUserAsync(AuditLog log, DatabaseSettings settings, string name, string? id = null) =>
        CreateUserAsync(log, () => VigilDatabase.CreateContext(settings), name, id);

    private static async Task CreateUserAsync(AuditLog log, Func<VigilDbContext> contexts, string name, string? id = null, CancellationToken cancellationToken = default)
    {
        await using VigilDbContext db = contexts();
        id ??= name;
        db.Users.Add(new UserRecord { Id = id, UserName = name, NormalizedUserName = name.ToUpperInvariant(), PasswordHash = "h", SecurityStamp = "s" });
        await log.SaveWithAsync(db, "admin", AuditActions.UserCreated, $"user/{id}", null, cancellationToken);

        // The caller's context is still its own after the save, whoever's connection the save ran on.
        Assert.Equal(1, await db.Users.CountAsync(u => u.Id == id, cancellationToken));
        Assert.Equal(EntityState.Unchanged, db.ChangeTracker.Entries<UserRecord>().Single().State);
    }

    /// <summary>Starts a user's audited creation on a context of its own; the test keeps only a weak reference to the context.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Task Save, WeakReference Context) StartSave(AuditLog log, DatabaseSettings settings, string name)
    {
        VigilDbContext db = VigilDatabase.CreateContext(settings);
        return (SaveUserAsync(log, db, name), new WeakReference(db));

        static async Task SaveUserAsync(AuditLog log, VigilDbContext db, string name)
        {
            await using (db)
            {
                db.Users.Add(new UserRecord { Id = name, UserName = name, NormalizedUserName = name.ToUpperInvariant(), PasswordHash = "h", SecurityStamp = "s" });
                await log.SaveWithAsync(db, "admin", AuditActions.UserCreated, $"user/{name}", null, CancellationToken.None);
            }
        }
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
