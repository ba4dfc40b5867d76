namespace Supacrypt.Cli.Commands;

/// <summary>The lines of <c>supacrypt doctor</c>: each check, passed or failed, and what it found.</summary>
internal sealed class DoctorReport
{
    private readonly List<(string Check, bool Passed, string Detail)> _lines = [];

    public bool AllPassed => _lines.TrueForAll(line => line.Passed);

    public void Pass(string check, string detail) => _lines.Add((check, true, detail));

    public void Fail(string check, string detail) => _lines.Add((check, false, detail));

    public void Check(string check, bool passed, string detail) => _lines.Add((check, passed, detail));

    public void Write(Terminal terminal, bool json)
    {
        if (json)
        {
            JsonOutput.Write(terminal, new { healthy = AllPassed, checks = _lines.Select(line => new { check = line.Check, passed = line.Passed, detail = line.Detail }) });
            return;
        }

        var width = _lines.Max(line => line.Check.Length);
        foreach (var (check, passed, detail) in _lines)
        {
            terminal.Output.WriteLine($"{(passed ? "pass" : "FAIL")}  {check.PadRight(width)}  {detail}");
        }
    }
}
