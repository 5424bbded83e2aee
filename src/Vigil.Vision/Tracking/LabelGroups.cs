namespace Vigil.Vision.Tracking;

/// <summary>Classes the detector confuses with each other belong to one group, so a track survives the confusion.</summary>
internal static class LabelGroups
{
    public static int Of(string label) => label switch
    {
        "person" => 0,
        "car" or "bus" or "truck" => 1,
        "bicycle" or "motorcycle" => 2,
        _ => 3 + StringComparer.Ordinal.GetHashCode(label),
    };
}
