using System.Diagnostics;
using System.Security.Cryptography;

namespace Supacrypt.Perf;

/// <summary>The ceiling: the same cryptography in this process on every core, one key object per thread.</summary>
public static class RawCrypto
{
    private static readonly byte[] Data = "supacrypt raw crypto baseline"u8.ToArray();

    public static double RsaSignPerSecond(TimeSpan duration) => Measure(duration, () =>
    {
        var rsa = RSA.Create(2048);
        return () => rsa.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    });

    public static double EcdsaVerifyPerSecond(TimeSpan duration) => Measure(duration, () =>
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = ecdsa.SignData(Data, HashAlgorithmName.SHA256);
        return () => ecdsa.VerifyData(Data, signature, HashAlgorithmName.SHA256);
    });

    public static double RsaOaepEncryptPerSecond(TimeSpan duration) => Measure(duration, () =>
    {
        var rsa = RSA.Create(2048);
        return () => rsa.Encrypt(Data, RSAEncryptionPadding.OaepSHA256);
    });

    // Each thread builds its own key object (untimed), then runs the operation until the time is up.
    private static double Measure(TimeSpan duration, Func<Action> prepare)
    {
        var threads = Environment.ProcessorCount;
        var operations = prepare;
        var counts = new long[threads];
        using var ready = new Barrier(threads + 1);
        var stopAt = 0L;
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            var operation = operations();
            operation();
            ready.SignalAndWait();
            var count = 0L;
            while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
            {
                operation();
                count++;
            }

            counts[index] = count;
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        Volatile.Write(ref stopAt, long.MaxValue);
        ready.SignalAndWait();
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, started + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        foreach (var worker in workers)
        {
            worker.Join();
        }

        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
