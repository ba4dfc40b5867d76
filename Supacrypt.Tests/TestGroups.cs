using Supacrypt.Tests.Emulator;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests;

[CollectionDefinition(BackendTests.Name)]
public sealed class BackendTestGroup : ICollectionFixture<BackendFixture>;

[CollectionDefinition(EmulatorTestGroup.Name)]
public sealed class EmulatorTestGroupDefinition : ICollectionFixture<EmulatorFixture>;
