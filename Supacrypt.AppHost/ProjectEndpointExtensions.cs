namespace Supacrypt.AppHost;

internal static class ProjectEndpointExtensions
{
    // When publishing a web project, Aspire adds an "https" binding and gives it the target port of the first http
    // endpoint it finds, here "grpc". Nothing listens there for TLS, so the binding would only mislead deployment
    // tools: the project's own endpoints are the whole truth.
    public static IResourceBuilder<ProjectResource> WithoutDefaultHttpsEndpoint(this IResourceBuilder<ProjectResource> project)
    {
        var https = project.Resource.Annotations
            .OfType<EndpointAnnotation>()
            .Where(endpoint => endpoint.Name == "https")
            .ToList();

        foreach (var endpoint in https)
        {
            project.Resource.Annotations.Remove(endpoint);
        }

        return project;
    }

    // Binds the named Kestrel endpoints, and Aspire's proxies in front of them, to localhost only.
    public static IResourceBuilder<ProjectResource> WithKestrelEndpointsOnLoopback(
        this IResourceBuilder<ProjectResource> project, params string[] endpointNames)
    {
        foreach (var name in endpointNames)
        {
            var endpoint = project.GetEndpoint(name);

            project.WithEndpoint(name, annotation => annotation.TargetHost = "localhost", createIfNotExists: false)
                // Added after the project's own Kestrel settings, so this value is the one the process sees.
                .WithEnvironment(
                    $"Kestrel__Endpoints__{name}__Url",
                    ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Scheme)}://localhost:{endpoint.Property(EndpointProperty.TargetPort)}"));
        }

        return project;
    }
}
