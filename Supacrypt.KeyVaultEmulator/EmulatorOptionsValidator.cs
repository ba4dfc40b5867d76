using Microsoft.Extensions.Options;

namespace Supacrypt.KeyVaultEmulator;

/// <summary>Start-up checks that data annotations cannot express.</summary>
public sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.DataDirectory) && string.IsNullOrWhiteSpace(options.StorageSecret))
        {
            return ValidateOptionsResult.Fail(
                "Emulator:DataDirectory is set but Emulator:StorageSecret is empty. Persisted private keys are encrypted " +
                "with a key derived from Emulator:StorageSecret: set it (for example with the environment variable " +
                "Emulator__StorageSecret), or remove Emulator:DataDirectory to keep keys in memory.");
        }

        return ValidateOptionsResult.Success;
    }
}
