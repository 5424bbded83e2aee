namespace Vigil.Assets.Policy;

/// <summary>
/// Models that exist in packages Vigil installs but serve tasks Vigil never performs
/// (DESIGN.md §1): face embedding or verification, age, gender, emotion, anti-spoofing.
/// They are never listed, extracted, loaded or referenced.
/// </summary>
public static class ForbiddenModels
{
    // Each stem is matched against a file's name (without extension), whole or as a prefix
    // followed by '-' or '_'. Listed here only so that they are refused (forbidden).
    private static readonly string[] s_forbiddenStems =
    [
        "faceres", // forbidden: face embedding
        "mobileface", // forbidden: face embedding
        "mobilefacenet", // forbidden: face embedding
        "arcface", // forbidden: face embedding
        "facenet", // forbidden: face embedding
        "insightface", // forbidden: face embedding
        "age", // forbidden: age estimation
        "gender", // forbidden: gender estimation
        "gear", // forbidden: gender, age and race estimation
        "ssrnet", // forbidden: age and gender estimation
        "emotion", // forbidden: emotion inference
        "antispoof", // forbidden: face verification support
        "liveness", // forbidden: face verification support
    ];

    /// <summary>Whether a file path names a model for a forbidden task.</summary>
    public static bool IsForbidden(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]);
        foreach (string stem in s_forbiddenStems)
        {
            if (name.Equals(stem, StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(stem + "-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(stem + "_", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
