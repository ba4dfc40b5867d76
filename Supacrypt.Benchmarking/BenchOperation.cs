namespace Supacrypt.Benchmarking;

public enum BenchOperation
{
    Sign,
    Verify,
    Encrypt,
    Decrypt,
    Generate,
}
