using System.Text.RegularExpressions;

namespace Supacrypt.Tests.Deployment.Containers;

/// <summary>The rules every Supacrypt Dockerfile keeps; each check returns the violations it found, in words.</summary>
internal static partial class DockerfilePolicy
{
    private const string ImageUser = "1000:1000";

    /// <summary>The rules for an image that ships: all of <see cref="Baseline"/>, plus stages, health check and ports.</summary>
    public static IReadOnlyList<string> ForProductionImage(Dockerfile dockerfile, IReadOnlyCollection<int> ports)
    {
        var violations = Baseline(dockerfile).ToList();
        if (dockerfile.StageCount < 2)
        {
            violations.Add("The image is not built in stages: the SDK would ship with it.");
        }

        var healthCheck = dockerfile.FinalStage.LastOrDefault(instruction => instruction.Keyword == "HEALTHCHECK");
        if (healthCheck is null)
        {
            violations.Add("The final stage has no HEALTHCHECK.");
        }
        else
        {
            foreach (var option in new[] { "--interval=30s", "--timeout=10s", "--retries=3", "--start-period=" })
            {
                if (!healthCheck.Arguments.Contains(option, StringComparison.Ordinal))
                {
                    violations.Add($"HEALTHCHECK lacks {option}.");
                }
            }

            if (!ExecFormCommand().IsMatch(healthCheck.Arguments))
            {
                violations.Add("HEALTHCHECK must run an exec-form command (CMD [\"...\"]): the image has no shell.");
            }
        }

        var exposed = dockerfile.ExposedPorts;
        if (!exposed.SequenceEqual(ports.Order()))
        {
            violations.Add($"EXPOSE lists {string.Join(' ', exposed)}; expected {string.Join(' ', ports.Order())}.");
        }

        return violations;
    }

    /// <summary>Rules for any Dockerfile, the development one included.</summary>
    public static IEnumerable<string> Baseline(Dockerfile dockerfile)
    {
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var from in dockerfile.Instructions.Where(instruction => instruction.Keyword == "FROM"))
        {
            var words = from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var image = words.First(word => !word.StartsWith("--", StringComparison.Ordinal));
            if (words.Length >= 2 && words[^2].Equals("AS", StringComparison.OrdinalIgnoreCase))
            {
                stages.Add(words[^1]);
            }

            if (!stages.Contains(image) && BaseImageViolation(image) is { } violation)
            {
                yield return violation;
            }
        }

        var user = dockerfile.FinalStage.LastOrDefault(instruction => instruction.Keyword == "USER")?.Arguments;
        if (user is not ImageUser and not "1000")
        {
            yield return $"The image runs as '{user ?? "root (no USER)"}', not as UID/GID {ImageUser}.";
        }

        foreach (var instruction in dockerfile.Instructions)
        {
            if (instruction.Keyword == "ADD" && RemoteSource().IsMatch(instruction.Arguments))
            {
                yield return $"ADD fetches from a URL: {instruction.Arguments}";
            }

            if (instruction.Keyword is "COPY" or "ADD" && SecretFile().IsMatch(instruction.Arguments))
            {
                yield return $"{instruction.Keyword} puts a private key or secrets file into a layer: {instruction.Arguments}";
            }

            if (instruction.Keyword is "ENV" or "ARG" or "LABEL" && SecretSetting().Match(instruction.Arguments) is { Success: true } secret)
            {
                yield return $"{instruction.Keyword} bakes a secret into the image: {secret.Value}";
            }
        }
    }

    [GeneratedRegex(@"CMD\s+\[\s*""")]
    private static partial Regex ExecFormCommand();

    [GeneratedRegex(@"(^|\s)(https?|ftp)://|(^|\s)git@", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteSource();

    [GeneratedRegex(@"(\.key|\.pfx|\.p12|\.pem|(^|[\s/])\.env)(\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretFile();

    [GeneratedRegex(@"[A-Za-z0-9_]*(PASSWORD|SECRET|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|CONNECTIONSTRING)[A-Za-z0-9_]*\s*=\s*""?[^""\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretSetting();

    // Dependabot and a reader both see the tag and the digest only on a literal FROM line; the digest is what is built.
    private static string? BaseImageViolation(string image)
    {
        var name = image.Split('@')[0];
        var tag = name.LastIndexOf(':') > name.LastIndexOf('/') ? name[(name.LastIndexOf(':') + 1)..] : null;
        if (image.Contains('$', StringComparison.Ordinal))
        {
            return $"Base image {image} is built from an ARG: Dependabot and a reader see only a literal FROM line.";
        }

        if (tag == "latest")
        {
            return $"Base image {image} uses the 'latest' tag.";
        }

        if (!DigestPinned().IsMatch(image))
        {
            return $"Base image {image} is not pinned by digest (name:tag@sha256:<64 hex digits>).";
        }

        return tag is null ? $"Base image {image} has a digest but no tag, so nobody can tell which release it is." : null;
    }

    [GeneratedRegex("@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPinned();
}
