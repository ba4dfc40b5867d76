using System.Text.Json.Serialization;

namespace Supacrypt.Backend.KeyVault.Models;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeyBundle))]
[JsonSerializable(typeof(DeletedKeyBundle))]
[JsonSerializable(typeof(KeyListResult))]
[JsonSerializable(typeof(KeyCreateParameters))]
[JsonSerializable(typeof(KeyUpdateParameters))]
[JsonSerializable(typeof(KeyOperationParameters))]
[JsonSerializable(typeof(KeyOperationResult))]
[JsonSerializable(typeof(KeyVaultErrorBody))]
internal sealed partial class KeyVaultJsonContext : JsonSerializerContext;
