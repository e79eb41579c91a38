namespace Parley.Runs;

/// <summary>
/// Claims a run folder for a writer (<c>generate</c>, <c>merge</c>): creates it, takes its <see cref="RunFolderLock"/>,
/// and makes sure nothing of another run is picked up or destroyed — a new run needs an empty folder, or, with
/// <c>--force</c>, one holding an earlier Parley run, whose files it deletes first; a folder that is not a Parley run is
/// never written into.
/// </summary>
internal static class RunFolder
{
    private static readonly string[] RunFiles =
    [
        OutputDirectory.DialoguesFile, OutputDirectory.RejectedFile, OutputDirectory.TasksFile, OutputDirectory.StatesFile, OutputDirectory.ManifestFile,
        OutputDirectory.ManifestFile + ".tmp", OutputDirectory.SpillFile, RunLedger.FileName + "-wal", RunLedger.FileName + "-shm", RunLedger.FileName,
    ];

    /// <summary>
    /// Creates <paramref name="folder"/> if needed and locks it for the caller's run (dispose the result at the run's end).
    /// Unless <paramref name="resume"/>, the folder must be empty, or hold an earlier Parley run and <paramref name="force"/>
    /// be set (that run's files are deleted).
    /// </summary>
    public static RunFolderLock Claim(string folder, bool resume, bool force)
    {
        if (File.Exists(folder)) throw ParleyException.RunFolderNotEmpty(folder, "is a file, not a folder; choose a folder for --out");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ParleyException.Io(folder, $"cannot create the output folder: {e.Message}", e);
        }
        var held = Acquire(folder);
        try
        {
            if (!resume) Prepare(folder, force);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="folder"/> holds a Parley run (its ledger).</summary>
    public static bool IsRun(string folder) => File.Exists(RunLedger.PathOf(folder));

    /// <summary>
    /// Locks the run folder that <paramref name="target"/> (a file or folder a command writes) lies in, as <c>generate</c>
    /// does, so nothing is written into a run while another command writes it; null when it lies in no run folder.
    /// </summary>
    public static RunFolderLock? LockEnclosing(string target)
    {
        for (var folder = Path.GetFullPath(target); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (IsRun(folder)) return Acquire(folder);
        }
        return null;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it.</summary>
    public static bool Contains(string folder, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static RunFolderLock Acquire(string folder)
    {
        try
        {
            return RunFolderLock.Acquire(folder);
        }
        catch (UnauthorizedAccessException e)
        {
            throw ParleyException.Io(folder, $"cannot write to the output folder: {e.Message}", e);
        }
    }

    private static void Prepare(string folder, bool force)
    {
        if (!Directory.EnumerateFileSystemEntries(folder).Any(e => Path.GetFileName(e) != RunFolderLock.FileName)) return;
        if (!IsRun(folder))
        {
            throw ParleyException.RunFolderNotEmpty(folder, "is not empty and holds no parley run; choose a new or empty folder for --out (--force replaces only an earlier parley run)");
        }
        if (!force) throw ParleyException.RunFolderNotEmpty(folder, "holds an earlier parley run; continue it with --resume, or replace it with --force");
        var environments = Path.Combine(folder, OutputDirectory.EnvironmentsFolder);
        if (Directory.Exists(environments))
        {
            foreach (var file in Directory.EnumerateFiles(environments, "*.json")) File.Delete(file);
            if (!Directory.EnumerateFileSystemEntries(environments).Any()) Directory.Delete(environments);
        }
        // The ledger goes last: a replacement cut short still reads as a Parley run, so --force can finish it.
        foreach (var file in RunFiles) File.Delete(Path.Combine(folder, file));
    }
}
