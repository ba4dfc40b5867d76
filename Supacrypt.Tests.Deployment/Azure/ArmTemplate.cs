using System.Text.Json.Nodes;

namespace Supacrypt.Tests.Deployment.Azure;

// Reading a compiled ARM template: its resources, including those of nested module deployments.
internal static class ArmTemplate
{
    public static IEnumerable<JsonObject> AllResources(JsonObject template) =>
        TopLevelResources(template).SelectMany(resource =>
            Type(resource) == "Microsoft.Resources/deployments" && resource["properties"]!["template"] is JsonObject nested
                ? AllResources(nested).Prepend(resource)
                : [resource]);

    // Language version 2.0 (a template that imports a function) keys its resources by symbolic name.
    private static IEnumerable<JsonObject> TopLevelResources(JsonObject template) => template["resources"] switch
    {
        JsonObject byName => byName.Select(resource => resource.Value!.AsObject()),
        var list => list!.AsArray().Select(resource => resource!.AsObject()),
    };

    public static JsonObject Single(JsonObject template, string type) =>
        Assert.Single(AllResources(template), resource => Type(resource) == type);

    public static IEnumerable<JsonObject> OfType(JsonObject template, string type) =>
        AllResources(template).Where(resource => Type(resource) == type);

    // The nested template of the module deployment with this name (e.g. "keyvault").
    public static JsonObject Module(JsonObject template, string name) =>
        Assert.Single(OfType(template, "Microsoft.Resources/deployments"), deployment => String(deployment["name"]) == name)
            ["properties"]!["template"]!.AsObject();

    public static string Type(JsonObject resource) => String(resource["type"]);

    public static string String(JsonNode? node) => node!.GetValue<string>();
}
