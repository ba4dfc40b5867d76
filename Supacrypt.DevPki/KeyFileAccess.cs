using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Supacrypt.DevPki;

/// <summary>
/// Who may read the server key: the containers run as UID/GID 1000 (the images' user), the files come from whoever ran
/// `make certs`. The key is made readable by its owner and one group, never by others: as root, the group is GID 1000,
/// the containers' own; as anyone else, their own primary group, which compose adds to the backend
/// (group_add: SUPACRYPT_PKI_GID, set by the Makefile from the key file).
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class KeyFileAccess
{
    public const uint ContainerGroup = 1000;

    public static void ShareWithContainerGroup(string keyPath)
    {
        if (Environment.IsPrivilegedProcess && chown(keyPath, uint.MaxValue, ContainerGroup) != 0)
        {
            throw new IOException($"Could not give {keyPath} to group {ContainerGroup} (errno {Marshal.GetLastPInvokeError()}).");
        }

        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    // uid (uint)-1 leaves the owner as it is.
    [DllImport("libc", SetLastError = true)]
    private static extern int chown(string path, uint owner, uint group);
}
