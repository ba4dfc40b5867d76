using System.Text.RegularExpressions;

namespace Supacrypt.Tests.Deployment.Containers;

/// <summary>One Dockerfile instruction: its keyword (upper case), its arguments, and the stage it belongs to (-1 before the first FROM).</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>
/// A Dockerfile read the way BuildKit reads it, far enough for policy checks: comments and parser directives
/// dropped, backslash continuations joined, global ARG defaults substituted into FROM lines.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions, IReadOnlyDictionary<string, string> globalArguments)
    {
        Instructions = instructions;
        GlobalArguments = globalArguments;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyDictionary<string, string> GlobalArguments { get; }

    public int StageCount => Instructions.Count(instruction => instruction.Keyword == "FROM");

    /// <summary>Instructions of the last stage: the image that ships.</summary>
    public IEnumerable<DockerInstruction> FinalStage => Instructions.Where(instruction => instruction.Stage == StageCount - 1);

    /// <summary>The final stage's EXPOSE ports, in order.</summary>
    public IReadOnlyList<int> ExposedPorts => FinalStage
        .Where(instruction => instruction.Keyword == "EXPOSE")
        .SelectMany(instruction => instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(port => int.Parse(port.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))
        .Order()
        .ToList();

    /// <summary>The final stage's ENV settings (KEY=value form), as the container starts with them.</summary>
    public IReadOnlyDictionary<string, string> FinalEnvironment => FinalStage
        .Where(instruction => instruction.Keyword == "ENV")
        .SelectMany(instruction => instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(setting => setting.Split('=', 2))
        .ToDictionary(setting => setting[0], setting => setting.Length == 2 ? setting[1].Trim('"') : "", StringComparer.Ordinal);

    /// <summary>Each FROM's image reference with global ARGs substituted, skipping references to earlier stages.</summary>
    public IEnumerable<string> BaseImages
    {
        get
        {
            var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var from in Instructions.Where(instruction => instruction.Keyword == "FROM"))
            {
                var words = from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(word => !word.StartsWith("--", StringComparison.Ordinal))
                    .ToArray();
                var image = Substitute(words[0]);
                if (!stageNames.Contains(image))
                {
                    yield return image;
                }

                if (words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                {
                    stageNames.Add(words[2]);
                }
            }
        }
    }

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var globals = new Dictionary<string, string>(StringComparer.Ordinal);
        var stage = -1;
        var pending = "";
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }

            var joined = (pending + line).Trim();
            pending = "";
            if (joined.Length == 0)
            {
                continue;
            }

            var space = joined.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? joined : joined[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : joined[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }
            else if (keyword == "ARG" && stage == -1)
            {
                var parts = arguments.Split('=', 2);
                globals[parts[0]] = parts.Length == 2 ? parts[1].Trim('"') : "";
            }

            instructions.Add(new DockerInstruction(keyword, arguments, stage));
        }

        return new Dockerfile(instructions, globals);
    }

    private string Substitute(string value) =>
        ArgumentReference().Replace(value, match =>
            GlobalArguments.TryGetValue(match.Groups["name"].Value, out var argument) && argument.Length > 0 ? argument : match.Value);

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ArgumentReference();
}
