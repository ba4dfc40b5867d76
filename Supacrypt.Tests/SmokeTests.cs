namespace Supacrypt.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Contract_types_are_generated() => Assert.Equal("supacrypt.v1.SupacryptService", Supacrypt.V1.SupacryptService.Descriptor.FullName);
}
