using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Persistence;

/// <summary>
/// Keeps all keys in one JSON document in <c>Emulator:DataDirectory</c>, replaced atomically (temp file + rename).
/// Private material is AES-GCM encrypted; metadata stays readable for debugging.
/// </summary>
public sealed class EncryptedFilePersistence : IKeyPersistence
{
    private const string FileName = "keys.json";
    private const string CheckText = "Supacrypt.KeyVaultEmulator";
    private readonly string _directory;
    private readonly string _secret;
    private byte[] _salt = RandomNumberGenerator.GetBytes(16);
    private StorageCipher _cipher;

    public EncryptedFilePersistence(IOptions<EmulatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = Path.GetFullPath(options.Value.DataDirectory!);
        _secret = options.Value.StorageSecret!;
        _cipher = new StorageCipher(_secret, _salt);
    }

    private string FilePath => Path.Combine(_directory, FileName);

    public async Task<IReadOnlyList<KeyRecord>> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        await using var stream = File.OpenRead(FilePath);
        var document = await JsonSerializer.DeserializeAsync<PersistedDocument>(stream, WireJson.Options, cancellationToken)
            ?? throw new InvalidOperationException($"The emulator data file {FilePath} is empty.");
        if (!Base64Url.TryDecode(document.Salt, out var salt) || !Base64Url.TryDecode(document.Check, out var check))
        {
            throw new InvalidOperationException($"The emulator data file {FilePath} is damaged (salt or check missing).");
        }

        _salt = salt;
        _cipher = new StorageCipher(_secret, salt);
        try
        {
            _ = _cipher.Decrypt(check, "check");
            return [.. document.Keys.Select(FromDocument)];
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException(
                $"Emulator:StorageSecret does not match the secret the keys in {FilePath} were written with, or the file " +
                "was altered. Start with the original secret, or point Emulator:DataDirectory at an empty directory.");
        }
    }

    public async Task SaveAsync(IReadOnlyList<KeyRecord> keys, CancellationToken cancellationToken)
    {
        var document = new PersistedDocument
        {
            Salt = Base64Url.Encode(_salt),
            Check = Base64Url.Encode(_cipher.Encrypt(Encoding.UTF8.GetBytes(CheckText), "check")),
            Keys = [.. keys.Select(ToDocument)],
        };
        Directory.CreateDirectory(_directory);
        var temporary = Path.Combine(_directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, document, WireJson.Options, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    private PersistedKey ToDocument(KeyRecord key) => new()
    {
        Name = key.Name,
        DeletedDate = key.Deletion?.DeletedDate,
        ScheduledPurgeDate = key.Deletion?.ScheduledPurgeDate,
        Versions = [.. key.Versions.Select(v => new PersistedVersion
        {
            Version = v.Version, Kty = v.Kty, KeyOps = [.. v.KeyOps], Enabled = v.Enabled, NotBefore = v.NotBefore,
            Expires = v.Expires, Created = v.Created, Updated = v.Updated,
            Tags = v.Tags is null ? null : new Dictionary<string, string>(v.Tags),
            Material = Base64Url.Encode(_cipher.Encrypt(
                JsonSerializer.SerializeToUtf8Bytes(v.Material.ToPrivateJwk(), WireJson.Options), $"{key.Name}/{v.Version}")),
        })],
    };

    private KeyRecord FromDocument(PersistedKey key)
    {
        var versions = key.Versions.Select(v =>
        {
            if (!Base64Url.TryDecode(v.Material, out var blob))
            {
                throw new InvalidOperationException($"The emulator data file {FilePath} is damaged: key {key.Name}/{v.Version}.");
            }

            var jwk = JsonSerializer.Deserialize<JsonWebKeyModel>(_cipher.Decrypt(blob, $"{key.Name}/{v.Version}"), WireJson.Options)!;
            KeyMaterial material;
            try
            {
                material = JwkImporter.ToMaterial(jwk, KeyTypes.IsRsa(v.Kty));
            }
            catch (KeyVaultException error)
            {
                throw new InvalidOperationException($"The stored key {key.Name}/{v.Version} cannot be loaded: {error.Message}", error);
            }

            return new KeyVersionRecord(v.Version, v.Kty, material, [.. v.KeyOps], v.Enabled, v.NotBefore, v.Expires,
                v.Created, v.Updated, v.Tags);
        }).ToList();
        var deletion = key.DeletedDate is { } deleted ? new DeletionInfo(deleted, key.ScheduledPurgeDate ?? deleted) : null;
        return new KeyRecord(key.Name, versions, deletion);
    }
}
