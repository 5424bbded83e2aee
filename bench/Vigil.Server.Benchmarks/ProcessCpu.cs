using System.Globalization;

namespace Vigil.Server.Benchmarks;

/// <summary>CPU time (user + system) of this process and its running children (the cameras' ffmpeg), read from /proc.</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>Seconds of CPU so far: this process, and per child process id its own.</summary>
    public static (double Self, Dictionary<int, (string Command, double Seconds)> Children) Read()
    {
        int self = Environment.ProcessId;
        var children = new Dictionary<int, (string, double)>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out int pid) || pid == self)
            {
                continue;
            }

            try
            {
                (int parent, string command, double seconds) = Stat(pid);
                if (parent == self)
                {
                    string cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                    children[pid] = (command + " " + cmdline, seconds);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return (Stat(self).Seconds, children);
    }

    private static (int Parent, string Command, double Seconds) Stat(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        int close = stat.LastIndexOf(')');
        string command = stat[(stat.IndexOf('(') + 1)..close];
        string[] f = stat[(close + 2)..].Split(' ');
        // After the command: state(0) ppid(1) ... utime(11) stime(12).
        int parent = int.Parse(f[1], CultureInfo.InvariantCulture);
        double seconds = (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        return (parent, command, seconds);
    }
}
