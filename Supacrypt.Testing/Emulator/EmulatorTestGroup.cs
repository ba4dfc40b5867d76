namespace Supacrypt.Tests.Emulator;

/// <summary>
/// The test collection that shares one emulator (each test uses its own key names). xUnit finds collection
/// definitions only in the test assembly itself, so each test project that uses it declares one (see its TestGroups.cs).
/// </summary>
public static class EmulatorTestGroup
{
    public const string Name = "Emulator";
}
