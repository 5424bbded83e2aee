namespace Vigil.Data.Audit;

/// <summary>One queued piece of the audit log's serialised work (an append or a checkpoint) and its caller's wait.</summary>
internal sealed class AuditWork(Func<CancellationToken, Task> work, long queued, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When it was queued (a <see cref="TimeProvider"/> timestamp).</summary>
    public long Queued { get; } = queued;

    /// <summary>Completes when the work has run (or failed, or was cancelled before it started).</summary>
    public Task Completion => _done.Task;

    /// <summary>Runs the work unless its caller gave up first; never throws (the caller gets the outcome).</summary>
    public async Task RunAsync()
    {
        if (cancellationToken.IsCancellationRequested)
        {
            _done.TrySetCanceled(cancellationToken);
            return;
        }

        try
        {
            await work(cancellationToken).ConfigureAwait(false);
            _done.TrySetResult();
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken == cancellationToken)
        {
            _done.TrySetCanceled(cancellationToken);
        }
        catch (Exception ex)
        {
            _done.TrySetException(ex);
        }
    }
}
