using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;
using Vigil.Domain.Sensors;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Live;

namespace Vigil.Server.Sensors;

/// <summary>
/// Turns what sensors' readings came to into alerts in the operators' one queue (ADR 018), stored
/// before they are pushed, as camera alerts are: a stage raised opens an episode (rule id: the stage),
/// a later stage change updates it, falling below every stage ends it; a fast rise is an alert of its
/// own; silence is an episode until the sensor reports again. Out-of-range readings raise nothing.
/// Called only from the ingest loop, which owns each sensor's open episodes.
/// </summary>
internal sealed class SensorAlerts(IDbContextFactory<VigilDbContext> contexts, OpsPush push)
{
    public async Task ApplyAsync(SensorRuntime sensor, SensorEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Kind)
        {
            case SensorEventKind.StageRaised when sensor.OpenStageAlert is null:
                sensor.OpenStageAlert = await OpenAsync(sensor, RuleKind.SensorStage, e.Stage!.Name, e, ended: false, cancellationToken).ConfigureAwait(false);
                break;
            case SensorEventKind.StageRaised or SensorEventKind.StageLowered when sensor.OpenStageAlert is { } open && e.Stage is { } stage:
                await ChangeAsync(open, a => (a.RuleId, a.Severity, a.Value) = (stage.Name, stage.Severity, e.Value), "updated", e.At, cancellationToken).ConfigureAwait(false);
                break;
            case SensorEventKind.StageLowered when sensor.OpenStageAlert is { } open:
                await ChangeAsync(open, a => (a.EndedAt, a.Value) = (e.At, e.Value), "ended", e.At, cancellationToken).ConfigureAwait(false);
                sensor.OpenStageAlert = null;
                break;
            case SensorEventKind.RisingFast:
                await OpenAsync(sensor, RuleKind.SensorRise, "rise", e, ended: true, cancellationToken).ConfigureAwait(false);
                break;
            case SensorEventKind.Silent when sensor.OpenSilentAlert is null:
                sensor.OpenSilentAlert = await OpenAsync(sensor, RuleKind.SensorSilent, "silent", e, ended: false, cancellationToken).ConfigureAwait(false);
                break;
            case SensorEventKind.Resumed when sensor.OpenSilentAlert is { } silent:
                await ChangeAsync(silent, a => a.EndedAt = e.At, "ended", e.At, cancellationToken).ConfigureAwait(false);
                sensor.OpenSilentAlert = null;
                break;
        }
    }

    private async Task<string> OpenAsync(SensorRuntime sensor, RuleKind kind, string rule, SensorEvent e, bool ended, CancellationToken cancellationToken)
    {
        var row = new AlertRecord
        {
            Id = Guid.CreateVersion7(e.At).ToString("N"),
            CameraId = string.Empty,
            SensorId = sensor.Sensor.Id,
            RuleId = rule,
            Kind = kind,
            Severity = e.Severity,
            State = AlertState.New,
            Value = e.Value,
            OpenedAt = e.At,
            UpdatedAt = e.At,
            EndedAt = ended ? e.At : null,
        };
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.Alerts.Add(row);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await push.AlertAsync(new AlertPush("opened", AlertDto.From(row)), cancellationToken).ConfigureAwait(false);
        return row.Id;
    }

    private async Task ChangeAsync(string id, Action<AlertRecord> change, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.Alerts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false) is not { } row)
            {
                return;
            }

            change(row);
            row.UpdatedAt = at;
            row.Version++;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await push.AlertAsync(new AlertPush(name, AlertDto.From(row)), cancellationToken).ConfigureAwait(false);
        }
    }
}
