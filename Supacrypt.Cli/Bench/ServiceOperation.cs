using Google.Protobuf;
using Grpc.Core;
using Supacrypt.Benchmarking;
using Supacrypt.V1;

namespace Supacrypt.Cli.Bench;

/// <summary>
/// One benchmarked call, with its request built once up front so that the client spends its time on the wire, not
/// on building messages. <see cref="InvokeAsync"/> returns null on success, else the error's name.
/// </summary>
internal sealed class ServiceOperation
{
    private static readonly EncryptionParameters OaepSha256 = new()
    {
        RsaParams = new RSAEncryptionParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingOaep, OaepHash = HashAlgorithm.Sha256 },
    };

    private readonly Func<SupacryptService.SupacryptServiceClient, CallOptions, Task<ErrorDetails?>> _call;

    private ServiceOperation(Func<SupacryptService.SupacryptServiceClient, CallOptions, Task<ErrorDetails?>> call) => _call = call;

    /// <summary>The encryption parameters the service is benchmarked with; the baseline uses the same.</summary>
    public static EncryptionParameters Encryption => OaepSha256;

    public async Task<string?> InvokeAsync(SupacryptService.SupacryptServiceClient client, CallOptions options)
    {
        var error = await _call(client, options);
        return error is null ? null : ErrorCodeNames.Of(error.Code);
    }

    /// <summary>Builds the operation; verify and decrypt first make one signature or ciphertext to work on.</summary>
    public static async Task<ServiceOperation> PrepareAsync(
        BenchOperation operation, KeyShape shape, string keyId, byte[] payload, SupacryptService.SupacryptServiceClient client, CallOptions options)
    {
        var data = ByteString.CopyFrom(payload);
        switch (operation)
        {
            case BenchOperation.Sign:
                var sign = new SignDataRequest { Version = 1, KeyId = keyId, Data = data };
                return new(async (c, o) => (await c.SignDataAsync(sign, o)).Error);

            case BenchOperation.Verify:
                var signed = await client.SignDataAsync(new SignDataRequest { Version = 1, KeyId = keyId, Data = data }, options);
                var verify = new VerifySignatureRequest { Version = 1, KeyId = keyId, Data = data, Signature = Prepared(signed.Success?.Signature, signed.Error) };
                return new(async (c, o) =>
                {
                    var response = await c.VerifySignatureAsync(verify, o);
                    return response.Error ?? (response.Success.IsValid ? null : new ErrorDetails { Code = ErrorCode.InvalidSignature });
                });

            case BenchOperation.Encrypt:
                var encrypt = new EncryptDataRequest { Version = 1, KeyId = keyId, Plaintext = data, Parameters = OaepSha256 };
                return new(async (c, o) => (await c.EncryptDataAsync(encrypt, o)).Error);

            case BenchOperation.Decrypt:
                var encrypted = await client.EncryptDataAsync(new EncryptDataRequest { Version = 1, KeyId = keyId, Plaintext = data, Parameters = OaepSha256 }, options);
                var decrypt = new DecryptDataRequest { Version = 1, KeyId = keyId, Ciphertext = Prepared(encrypted.Success?.Ciphertext, encrypted.Error), Parameters = OaepSha256 };
                return new(async (c, o) => (await c.DecryptDataAsync(decrypt, o)).Error);

            default:
                var prefix = $"{keyId}-";
                var counter = 0L;
                return new(async (c, o) => (await c.GenerateKeyAsync(KeyShapes.Request(shape, prefix + Interlocked.Increment(ref counter)), o)).Error);
        }
    }

    private static ByteString Prepared(ByteString? value, ErrorDetails? error) =>
        value ?? throw new UsageException($"The benchmark could not prepare its input: {ErrorCodeNames.Of(error?.Code ?? ErrorCode.Unspecified)}: {error?.Message}");
}
