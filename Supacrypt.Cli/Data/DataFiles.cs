namespace Supacrypt.Cli;

/// <summary>Inputs from a file or standard input (no path), outputs to a file or standard output.</summary>
internal static class DataFiles
{
    public const int MaxInputBytes = 64 * 1024 * 1024;

    public static async Task<byte[]> ReadAsync(Terminal terminal, string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await using var input = terminal.OpenStandardInput();
            using var buffer = new MemoryStream();
            await input.CopyToAsync(buffer, cancellationToken);
            return buffer.Length <= MaxInputBytes ? buffer.ToArray() : throw TooLarge("standard input");
        }

        try
        {
            var file = new FileInfo(Path.Combine(terminal.WorkingDirectory, path));
            return file.Length <= MaxInputBytes ? await File.ReadAllBytesAsync(file.FullName, cancellationToken) : throw TooLarge(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read {path}: {exception.Message}", exception);
        }
    }

    public static async Task WriteAsync(Terminal terminal, string? path, byte[] content, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await using var output = terminal.OpenStandardOutput();
            await output.WriteAsync(content, cancellationToken);
            await output.FlushAsync(cancellationToken);
            return;
        }

        try
        {
            await File.WriteAllBytesAsync(Path.Combine(terminal.WorkingDirectory, path), content, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write {path}: {exception.Message}", exception);
        }
    }

    private static UsageException TooLarge(string source) =>
        new($"{source} is larger than {MaxInputBytes / (1024 * 1024)} MiB; hash it yourself and pass the digest with --prehashed.");
}
