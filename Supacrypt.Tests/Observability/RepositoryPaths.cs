using System.Reflection;

namespace Supacrypt.Tests.Observability;

/// <summary>Files of the checkout and of its build that the tests read or run.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A project's own build output (built as a reference of this test project), to run as <c>dotnet &lt;assembly&gt;</c>.</summary>
    public static string ProjectAssembly(string project)
    {
        var configuration = typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        return Path.Combine(Root, project, "bin", configuration, framework, $"{project}.dll");
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Supacrypt.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Supacrypt.sln above {AppContext.BaseDirectory}.");
    }
}
