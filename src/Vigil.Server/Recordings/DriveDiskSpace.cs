namespace Vigil.Server.Recordings;

/// <summary>The operating system's account of free space (space available to this process's user).</summary>
internal sealed class DriveDiskSpace : IDiskSpace
{
    public long FreeBytes(string folder)
    {
        Directory.CreateDirectory(folder);
        return new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
    }
}
