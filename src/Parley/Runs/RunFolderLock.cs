namespace Parley.Runs;

/// <summary>
/// The exclusive lock a run holds on its folder for its whole life: <c>run.lock</c>, opened unshared (an OS file lock,
/// <c>flock</c> on Linux), so a second run into the folder — in this process or another — is refused at once. The
/// operating system drops the lock when the process ends, even by kill -9, so a killed run never leaves it stuck.
/// </summary>
/// <remarks>The file itself stays in the folder: deleting it on release would let two later runs lock two different files.</remarks>
internal sealed class RunFolderLock : IDisposable
{
    /// <summary>The lock file's name in a run folder.</summary>
    public const string FileName = "run.lock";

    private readonly FileStream _file;

    private RunFolderLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="folder"/> (which must exist); a run-folder-in-use error when another run holds it.</summary>
    public static RunFolderLock Acquire(string folder)
    {
        try
        {
            return new RunFolderLock(new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw ParleyException.RunFolderInUse(folder);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    // EWOULDBLOCK from flock (Linux 11, macOS 35), or Windows' sharing and lock violations.
    private static bool IsHeldElsewhere(IOException e) => e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or 32 or 33 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
