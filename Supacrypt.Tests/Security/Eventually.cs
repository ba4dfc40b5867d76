namespace Supacrypt.Tests.Security;

/// <summary>Waits for a change the backend applies on its own schedule (a file check, a configuration reload).</summary>
internal static class Eventually
{
    // Generous: the machine is loaded, and the condition is observed, not assumed after a sleep.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.Add(Deadline);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {Deadline.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}
