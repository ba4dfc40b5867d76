using Microsoft.Extensions.Options;

namespace Supacrypt.Client.Hosting;

/// <summary>The connection one <c>AddSupacryptClient</c> call resolved, as named options so that it is checked at start.</summary>
internal sealed class ClientConnection
{
    public SupacryptConnectionOptions? Options { get; set; }
}

/// <summary>
/// Stops start-up (<c>ValidateOnStart</c>) when a client's connection cannot work: a TLS backend without a client
/// certificate, a missing file, a certificate without its key, an authority file that does not parse. Each message
/// names the <c>Supacrypt:Client</c> setting and its environment variable.
/// </summary>
internal sealed class ClientConnectionValidator : IValidateOptions<ClientConnection>
{
    public ValidateOptionsResult Validate(string? name, ClientConnection options)
    {
        if (options.Options is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = ConnectionCheck.Problems(options.Options, ConnectionSettingNames.Configuration);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => $"Supacrypt client '{name}' ({options.Options.Endpoint}): {problem}"));
    }
}
