using Supacrypt.V1;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// Builds a response of type <typeparamref name="TResponse"/> that carries an in-band error. The pipeline sees
/// responses only as the interceptor's unconstrained type parameter; the method provider, which knows each
/// response type, registers how to make one when it binds the method.
/// </summary>
internal static class InBandError<TResponse>
    where TResponse : class
{
    private static Func<ErrorDetails, TResponse>? _create;

    public static TResponse Create(ErrorDetails details) =>
        (_create ?? throw new InvalidOperationException($"{typeof(TResponse).Name} was not bound by the method provider."))(details);

    public static void Register<TBound>()
        where TBound : class, TResponse, ICarriesError, new() =>
        _create ??= details => new TBound { Error = details };
}
