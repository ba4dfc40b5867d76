using System.Reflection;
using Supacrypt.DevPki;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>Files of the checkout, and of its build, that the tests read or run; they live above the test output.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(() =>
        DevelopmentPki.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Supacrypt.sln was not found above " + AppContext.BaseDirectory));

    public static string Root => RootDirectory.Value;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>The build output folder of a project (built as a reference of the test project), in the tests' configuration.</summary>
    public static string ProjectOutput(string project)
    {
        var configuration = typeof(RepositoryFiles).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        return Path.Combine(Root, project, "bin", configuration, framework);
    }

    /// <summary>A project's own assembly in its build output, to run as <c>dotnet &lt;assembly&gt;</c>.</summary>
    public static string ProjectAssembly(string project) => Path.Combine(ProjectOutput(project), $"{project}.dll");
}
