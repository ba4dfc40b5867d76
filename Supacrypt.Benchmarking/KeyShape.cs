namespace Supacrypt.Benchmarking;

public enum KeyShape
{
    P256,
    P384,
    P521,
    Rsa2048,
    Rsa3072,
    Rsa4096,
}

public static class KeyShapeSizes
{
    public static bool IsRsa(this KeyShape shape) => shape is KeyShape.Rsa2048 or KeyShape.Rsa3072 or KeyShape.Rsa4096;

    public static int RsaBits(this KeyShape shape) => shape switch
    {
        KeyShape.Rsa3072 => 3072,
        KeyShape.Rsa4096 => 4096,
        _ => 2048,
    };
}
