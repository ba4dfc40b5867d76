using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Backend;

/// <summary>However malformed a request is, the answer is precise: never UNKNOWN, INTERNAL or an in-band INTERNAL_ERROR.</summary>
[Collection(BackendTests.Name)]
public sealed class MalformedRequestTests(BackendFixture fixture)
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    public static TheoryData<string> Methods() =>
        ["GenerateKey", "SignData", "VerifySignature", "GetKey", "ListKeys", "DeleteKey", "EncryptData", "DecryptData"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_body_that_is_not_the_request_message_is_invalid_argument(string method)
    {
        var invoker = fixture.Channel.CreateCallInvoker();
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "supacrypt.v1.SupacryptService", method, Raw, Raw);

        // Field 2 declared as a length-delimited string of 100 bytes, followed by only 3.
        var failure = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(raw, null, new CallOptions(), [0x12, 0x64, 0x61, 0x62, 0x63]).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Contains("not a valid", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_requests_get_precise_in_band_errors()
    {
        var client = fixture.Client;

        var errors = new[]
        {
            (await client.GenerateKeyAsync(new GenerateKeyRequest())).Error,
            (await client.SignDataAsync(new SignDataRequest())).Error,
            (await client.VerifySignatureAsync(new VerifySignatureRequest())).Error,
            (await client.GetKeyAsync(new GetKeyRequest())).Error,
            (await client.DeleteKeyAsync(new DeleteKeyRequest())).Error,
            (await client.EncryptDataAsync(new EncryptDataRequest())).Error,
            (await client.DecryptDataAsync(new DecryptDataRequest())).Error,
        };

        Assert.All(errors, error =>
        {
            Assert.NotNull(error);
            Assert.NotEqual(ErrorCode.InternalError, error.Code);
            Assert.NotEqual(ErrorCode.Unspecified, error.Code);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        });
        Assert.Equal(ErrorCode.UnsupportedAlgorithm, errors[0].Code);
        Assert.All(errors[1..], error => Assert.Equal(ErrorCode.InvalidRequest, error.Code));
    }

    [Fact]
    public async Task An_empty_list_request_lists()
    {
        var response = await fixture.Client.ListKeysAsync(new ListKeysRequest());

        Assert.Equal(ListKeysResponse.ResultOneofCase.Success, response.ResultCase);
    }
}
