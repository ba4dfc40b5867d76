namespace Supacrypt.AppHost;

internal static class AppHostFiles
{
    // Deployment files live beside the AppHost in the repository; a missing one is a broken checkout, said at once.
    public static string ResolveAppHostFile(this IDistributedApplicationBuilder builder, string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, relativePath));

        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The AppHost publishes '{relativePath}', which is missing at {path}.", path);
    }
}
