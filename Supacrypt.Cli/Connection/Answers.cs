using Supacrypt.V1;

namespace Supacrypt.Cli;

/// <summary>Every response is oneof { success; error }: the success, or the error as a <see cref="RefusedException"/>.</summary>
internal static class Answers
{
    public static T Succeeded<T>(T? success, ErrorDetails? error, string correlationId) where T : class =>
        error is not null ? throw new RefusedException(error, correlationId) : success ?? throw new RefusedException(
            new ErrorDetails { Code = ErrorCode.Unspecified, Message = "The backend answered neither success nor error." }, correlationId);
}
