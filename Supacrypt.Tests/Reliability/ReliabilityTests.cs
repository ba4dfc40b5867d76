namespace Supacrypt.Tests.Reliability;

/// <summary>Reliability tests start their own emulators and backends; one at a time keeps them from starving each other.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityTests
{
    public const string Name = "Reliability";
}
