using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Supacrypt.Backend.Pipeline;
using Supacrypt.V1;

namespace Supacrypt.Backend.Grpc;

/// <summary>
/// Binds the eight RPCs with request marshallers that answer INVALID_ARGUMENT for a body that does not decode:
/// grpc-dotnet otherwise answers UNKNOWN, because decoding fails before any interceptor or handler runs.
/// </summary>
internal sealed class SupacryptMethodProvider : IServiceMethodProvider<SupacryptGrpcService>
{
    private const string ServiceName = "supacrypt.v1.SupacryptService";

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<SupacryptGrpcService> context)
    {
        Add(context, nameof(SupacryptGrpcService.GenerateKey), GenerateKeyRequest.Parser, (service, request, call) => service.GenerateKey(request, call));
        Add(context, nameof(SupacryptGrpcService.SignData), SignDataRequest.Parser, (service, request, call) => service.SignData(request, call));
        Add(context, nameof(SupacryptGrpcService.VerifySignature), VerifySignatureRequest.Parser, (service, request, call) => service.VerifySignature(request, call));
        Add(context, nameof(SupacryptGrpcService.GetKey), GetKeyRequest.Parser, (service, request, call) => service.GetKey(request, call));
        Add(context, nameof(SupacryptGrpcService.ListKeys), ListKeysRequest.Parser, (service, request, call) => service.ListKeys(request, call));
        Add(context, nameof(SupacryptGrpcService.DeleteKey), DeleteKeyRequest.Parser, (service, request, call) => service.DeleteKey(request, call));
        Add(context, nameof(SupacryptGrpcService.EncryptData), EncryptDataRequest.Parser, (service, request, call) => service.EncryptData(request, call));
        Add(context, nameof(SupacryptGrpcService.DecryptData), DecryptDataRequest.Parser, (service, request, call) => service.DecryptData(request, call));
    }

    private static void Add<TRequest, TResponse>(
        ServiceMethodProviderContext<SupacryptGrpcService> context,
        string name,
        MessageParser<TRequest> parser,
        UnaryServerMethod<SupacryptGrpcService, TRequest, TResponse> invoker)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, ICarriesError, new()
    {
        InBandError<TResponse>.Register<TResponse>();
        var requestMarshaller = Marshallers.Create(
            (TRequest message) => message.ToByteArray(),
            payload => Parse(parser, payload));
        var responseMarshaller = Marshallers.Create(
            (TResponse message) => message.ToByteArray(),
            payload => new MessageParser<TResponse>(() => new TResponse()).ParseFrom(payload));
        var method = new Method<TRequest, TResponse>(MethodType.Unary, ServiceName, name, requestMarshaller, responseMarshaller);
        context.AddUnaryMethod(method, [], invoker);
    }

    private static TRequest Parse<TRequest>(MessageParser<TRequest> parser, byte[] payload)
        where TRequest : IMessage<TRequest>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new RpcException(new Status(
                StatusCode.InvalidArgument,
                $"The request body is not a valid {typeof(TRequest).Name}: {exception.Message}"));
        }
    }
}
