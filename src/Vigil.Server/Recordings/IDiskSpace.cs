namespace Vigil.Server.Recordings;

/// <summary>Free space on the disk that holds a folder (tests give a small disk of their own).</summary>
internal interface IDiskSpace
{
    long FreeBytes(string folder);
}
