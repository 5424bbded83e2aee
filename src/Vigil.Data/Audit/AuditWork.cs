namespace Vigil.Data.Audit;

/// <summary>One queued piece of the audit log's serialised work (an append or a checkpoint) and its caller's wait.</summary>
internal sealed class AuditWork(Func<CancellationToken, Task> work, AuditAppend? append, long queued, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The append, when this is one (a writer may commit it together with others); null for a checkpoint.</summary>
    public AuditAppend? Append { get; } = append;

    /// <summary>When it was queued (a <see cref="TimeProvider"/> timestamp).</summary>
    public long Queued { get; } = queued;

    /// <summary>The caller's token: its save is abandoned if the caller gives up.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Completes when the work has run (or failed, or was cancelled before it started).</summary>
    public Task Completion => _done.Task;

    /// <summary>Runs the work on its own unless its caller gave up first; never throws (the caller gets the outcome).</summary>
    public async Task RunAsync()
    {
        if (CompleteIfCancelled())
        {
            return;
        }

        try
        {
            await work(CancellationToken).ConfigureAwait(false);
            Complete(null);
        }
        catch (Exception ex)
        {
            Complete(ex);
        }
    }

    /// <summary>Completes the work as cancelled if its caller has given up; true when it did.</summary>
    public bool CompleteIfCancelled()
    {
        if (!CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        _done.TrySetCanceled(CancellationToken);
        return true;
    }

    /// <summary>Hands the caller its outcome: done, cancelled (its own token), or the error.</summary>
    public void Complete(Exception? error)
    {
        if (error is null)
        {
            _done.TrySetResult();
        }
        else if (error is OperationCanceledException cancelled && cancelled.CancellationToken == CancellationToken)
        {
            _done.TrySetCanceled(CancellationToken);
        }
        else
        {
            _done.TrySetException(error);
        }
    }
}
