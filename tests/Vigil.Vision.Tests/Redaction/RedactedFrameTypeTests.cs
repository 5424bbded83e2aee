using System.Reflection;
using System.Reflection.Emit;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Tests.Redaction;

/// <summary>Privacy by type: only the redactor can make a <see cref="RedactedFrame"/>, only a redacted frame a <see cref="RedactedJpeg"/>, and only the watermarking playback of approved originals a picture of an original.</summary>
public sealed class RedactedFrameTypeTests
{
    [Fact]
    public void RedactedFrame_HasNoPublicConstructor()
    {
        Assert.Empty(typeof(RedactedFrame).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.True(typeof(RedactedFrame).IsSealed);
    }

    [Fact]
    public void RedactedFrame_IsConstructedOnlyByTheRedactor() =>
        Assert.Equal([typeof(Redactor).FullName!], CallersOf(typeof(RedactedFrame)));

    [Fact]
    public void RedactedJpeg_IsMadeOnlyByARedactedFrame()
    {
        Assert.Empty(typeof(RedactedJpeg).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.True(typeof(RedactedJpeg).IsSealed);
        Assert.Equal([typeof(RedactedFrame).FullName!], CallersOf(typeof(RedactedJpeg)));
    }

    [Fact]
    public void AWatermarkedOriginal_IsMadeOnlyByThePlaybackThatDrawsTheWatermark()
    {
        Assert.Empty(typeof(Vigil.Vision.Recording.WatermarkedJpeg).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.True(typeof(Vigil.Vision.Recording.WatermarkedJpeg).IsSealed);
        Assert.Equal([typeof(Vigil.Vision.Recording.OriginalPlayback).FullName!], CallersOf(typeof(Vigil.Vision.Recording.WatermarkedJpeg)));
    }

    [Fact]
    public void TheEncoderAndTheRecorder_TakeOnlyRedactedFrames()
    {
        Type[] sinks = [typeof(Vigil.Vision.Decoding.FfmpegVideoWriter), typeof(Vigil.Vision.Recording.SegmentRecorder)];
        MethodInfo[] writes = sinks.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).Where(m => m.Name.StartsWith("Write", StringComparison.Ordinal)).ToArray();

        Assert.Equal(2, writes.Length);
        Assert.All(writes, m => Assert.Equal(typeof(RedactedFrame), m.GetParameters()[0].ParameterType));
        Assert.All(writes, m => Assert.DoesNotContain(m.GetParameters(), p => p.ParameterType == typeof(OpenCvSharp.Mat) || p.ParameterType == typeof(byte[]) || p.ParameterType.Name.Contains("Span", StringComparison.Ordinal) || p.ParameterType.Name.Contains("Memory", StringComparison.Ordinal)));
    }

    private static HashSet<string> CallersOf(Type made)
    {
        ConstructorInfo ctor = made.GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).Single();
        Assembly vision = made.Assembly;
        var callers = new HashSet<string>(StringComparer.Ordinal);
        foreach (Type type in vision.GetTypes())
        {
            foreach (MethodBase method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>()
                .Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)))
            {
                byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is not null && Calls(il, method.Module, ctor))
                {
                    callers.Add(method.DeclaringType!.FullName!);
                }
            }
        }

        return callers;
    }

    /// <summary>Finds 'newobj ctor' in a method body (the token after opcode 0x73).</summary>
    private static bool Calls(byte[] il, Module module, ConstructorInfo ctor)
    {
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != OpCodes.Newobj.Value)
            {
                continue;
            }

            int token = BitConverter.ToInt32(il, i + 1);
            try
            {
                if (module.ResolveMethod(token) is ConstructorInfo c && c == ctor)
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                // Not a method token: the 0x73 byte was an operand, not an opcode.
            }
        }

        return false;
    }
}
