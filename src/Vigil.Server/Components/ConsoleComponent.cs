using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Vigil.Server.Hosting;
using Vigil.Server.Live;

namespace Vigil.Server.Components;

/// <summary>
/// What console pages share: who is signed in, what their roles allow (the same policies as the API),
/// and live changes from <see cref="OpsPush"/> delivered on the component's own dispatcher.
/// </summary>
public abstract class ConsoleComponent : ComponentBase, IDisposable
{
    private ClaimsPrincipal _user = new();
    private bool _subscribed;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IAuthorizationService Authorization { get; set; } = null!;

    [Inject]
    private OpsPush Push { get; set; } = null!;

    [Inject]
    private ILogger<ConsoleComponent> Logger { get; set; } = null!;

    /// <summary>The signed-in user's name, recorded as the actor of every action.</summary>
    protected string Actor => _user.Identity?.Name ?? "unknown";

    /// <summary>The signed-in user.</summary>
    protected ClaimsPrincipal User => _user;

    /// <summary>Whether the signed-in user's roles satisfy the policy.</summary>
    protected async Task<bool> CanAsync(string policy) =>
        (await Authorization.AuthorizeAsync(_user, policy).ConfigureAwait(false)).Succeeded;

    /// <summary>Reads the user; pages then load in <see cref="OnReadyAsync"/>.</summary>
    protected sealed override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            _user = (await AuthenticationState.ConfigureAwait(true)).User;
        }

        await OnReadyAsync().ConfigureAwait(true);
    }

    /// <summary>Loads the page's data once the user is known.</summary>
    protected virtual Task OnReadyAsync() => Task.CompletedTask;

    /// <summary>Starts delivering live changes to <see cref="OnChangeAsync"/>.</summary>
    protected void FollowChanges()
    {
        if (!_subscribed)
        {
            Push.Changed += OnPushed;
            _subscribed = true;
        }
    }

    /// <summary>One live change (an <see cref="Api.Contracts.AlertPush"/>, camera state, incident or unit); the page re-renders after it.</summary>
    protected virtual Task OnChangeAsync(object change) => Task.CompletedTask;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _subscribed)
        {
            Push.Changed -= OnPushed;
            _subscribed = false;
        }
    }

    private void OnPushed(object change) =>
        _ = InvokeAsync(async () =>
        {
            try
            {
                await OnChangeAsync(change).ConfigureAwait(true);
                StateHasChanged();
            }
            catch (Exception ex)
            {
                // The page keeps what it shows; the next change or a reload brings it up to date.
                ServerLog.ConsoleChangeFailed(Logger, ex, change.GetType().Name);
            }
        });
}
