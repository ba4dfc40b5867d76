namespace Supacrypt.Tests.Deployment;

/// <summary>The deployment artifacts under test live in the source tree, above the test output.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    public static string Root => RootDirectory.Value;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Supacrypt.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Supacrypt.sln was not found above " + AppContext.BaseDirectory);
    }
}
