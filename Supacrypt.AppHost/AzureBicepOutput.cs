namespace Supacrypt.AppHost;

// An output of a Bicep module that only exists once the deployment tool has run it: in the manifest it reads
// {resource.outputs.name}, which azd turns into that module's output.
internal sealed class AzureBicepOutput(IResource resource, string name) : IManifestExpressionProvider, IValueProvider
{
    public string ValueExpression => $"{{{resource.Name}.outputs.{name}}}";

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(
            $"The output '{name}' of '{resource.Name}' is known only after azd has provisioned it; it has no value when the AppHost runs.");
}
