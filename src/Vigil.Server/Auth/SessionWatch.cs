using System.Collections.Concurrent;
using System.Security.Claims;

namespace Vigil.Server.Auth;

/// <summary>
/// Ends long-lived connections whose credential no longer holds. A request is authorised once, when
/// it starts; an MJPEG stream or a SignalR connection then lives for hours. Each registers here with
/// its principal and a way to end it; the watch re-checks every open one at once when users, sessions
/// or tokens change (sign-out, disabling, a role or password change, a revoked token) and every
/// <see cref="CheckEvery"/> besides (an expiring token), and ends the ones that fail.
/// </summary>
internal sealed partial class SessionWatch(UserDirectory users, ILogger<SessionWatch> logger) : BackgroundService
{
    /// <summary>How often every open connection is re-checked when nothing has changed.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<long, Watched> _open = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _next;

    /// <summary>Connections being watched now.</summary>
    public int Count => _open.Count;

    /// <summary>Watches a connection until the returned handle is disposed; <paramref name="end"/> is called at most once.</summary>
    public IDisposable Watch(ClaimsPrincipal principal, Action end)
    {
        long id = Interlocked.Increment(ref _next);
        _open[id] = new Watched(principal, end);
        return new Handle(this, id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        users.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await _wake.WaitAsync(CheckEvery, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await CheckAllAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            users.Changed -= OnChanged;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task CheckAllAsync(CancellationToken ct)
    {
        foreach ((long id, Watched watched) in _open)
        {
            try
            {
                if (!await users.IsCurrentAsync(watched.Principal, ct).ConfigureAwait(false) && _open.TryRemove(id, out _))
                {
                    LogEnded(logger, Principals.ActorOf(watched.Principal));
                    watched.End();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database did not answer: try again on the next pass rather than end or keep anything for good.
                LogCheckFailed(logger, ex);
            }
        }
    }

    private void OnChanged()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A check is already due.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Ended a live connection of {User}: the session or token no longer holds")]
    private static partial void LogEnded(ILogger logger, string user);

    [LoggerMessage(2, LogLevel.Warning, "Could not re-check live connections")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    private sealed record Watched(ClaimsPrincipal Principal, Action End);

    private sealed class Handle(SessionWatch watch, long id) : IDisposable
    {
        public void Dispose() => watch._open.TryRemove(id, out _);
    }
}
