namespace Supacrypt.Cli.Commands;

/// <summary>The contract's choices as people type them on a command line.</summary>
public enum HashChoice
{
    Default,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

public enum PaddingChoice
{
    Default,
    Pkcs1,
    Pss,
    Oaep,
}

public enum KeyAlgorithmChoice
{
    Rsa,
    Ec,
    Ecdsa,
}

public enum CurveChoice
{
    P256,
    P384,
    P521,
}
