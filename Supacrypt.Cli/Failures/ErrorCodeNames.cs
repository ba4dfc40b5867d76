using Grpc.Core;
using Supacrypt.V1;

namespace Supacrypt.Cli;

/// <summary>Names as the contract and gRPC spell them (ERROR_CODE_KEY_NOT_FOUND, UNAVAILABLE), for messages and JSON.</summary>
public static class ErrorCodeNames
{
    public static string Of(ErrorCode code) =>
        ErrorDetails.Descriptor.FindFieldByNumber(ErrorDetails.CodeFieldNumber).EnumType.FindValueByNumber((int)code)?.Name
        ?? $"ERROR_CODE_{(int)code}";

    public static string Of(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => code.ToString().ToUpperInvariant(),
    };
}
