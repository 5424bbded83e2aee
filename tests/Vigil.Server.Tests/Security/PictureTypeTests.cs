using System.Reflection;
using Vigil.Server.Alerts;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;

namespace Vigil.Server.Tests.Security;

/// <summary>The picture sinks (snapshots, the live feed, alerts on their way to the store) take only pictures that only redaction makes: never bytes.</summary>
public sealed class PictureTypeTests
{
    [Fact]
    public void SnapshotsLiveFeedAndAlertOutput_AcceptOnlyRedactedPictures()
    {
        MethodInfo save = typeof(SnapshotStore).GetMethod(nameof(SnapshotStore.SaveAsync))!;
        MethodInfo offer = typeof(LiveFeed).GetMethod(nameof(LiveFeed.Offer))!;
        ParameterInfo[] work = typeof(AlertOutput).GetConstructors().Single().GetParameters();

        Assert.Contains(save.GetParameters(), p => p.ParameterType == typeof(RedactedJpeg));
        Assert.Equal([typeof(RedactedFrame)], offer.GetParameters().Select(p => p.ParameterType));
        Assert.Contains(work, p => p.ParameterType == typeof(RedactedJpeg));
        foreach (ParameterInfo p in save.GetParameters().Concat(offer.GetParameters()).Concat(work))
        {
            Assert.False(p.ParameterType == typeof(byte[]) || p.ParameterType == typeof(ReadOnlyMemory<byte>) || p.ParameterType == typeof(Stream), $"{p.Member.DeclaringType?.Name}.{p.Member.Name} takes {p.ParameterType.Name} '{p.Name}'");
        }
    }
}
