using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

/// <summary>One emulator shared by the emulator tests; each test uses its own key names.</summary>
[CollectionDefinition(Name)]
public sealed class EmulatorTestGroup : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "Emulator";
}
