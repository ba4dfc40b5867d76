// Drives Supacrypt.KeyVaultEmulator with Microsoft's Key Vault keys SDK and prints one JSON object of
// observations for the xunit test (EmulatorJsSdkTests) to assert. Usage: node script.js <vaultUri>
"use strict";

const crypto = require("node:crypto");
const { KeyClient, CryptographyClient } = require("@azure/keyvault-keys");

const vaultUrl = process.argv[2];
if (!vaultUrl) {
  console.error("usage: node script.js <vaultUri>");
  process.exit(2);
}

// Any token will do: the emulator checks that one is present, not who issued it.
const credential = {
  getToken: async () => ({ token: "js-sdk-token", expiresOnTimestamp: Date.now() + 3600 * 1000 }),
};
const options = {
  disableChallengeResourceVerification: true,
  allowInsecureConnection: true,
  retryOptions: { maxRetries: 0 },
};

async function main() {
  const client = new KeyClient(vaultUrl, credential, options);
  const name = `js-sdk-${crypto.randomUUID()}`;
  const result = { name };

  const created = await client.createRsaKey(name, { keySize: 2048, tags: { origin: "js" } });
  result.createdKid = created.id;
  result.createdKty = created.keyType;
  result.createdVersion = created.properties.version;
  result.createdTags = created.properties.tags;

  const fetched = await client.getKey(name);
  result.fetchedKid = fetched.id;

  result.listed = false;
  for await (const properties of client.listPropertiesOfKeys()) {
    if (properties.name === name) {
      result.listed = true;
    }
  }

  const crypto_ = new CryptographyClient(created.id, credential, options);
  const digest = crypto.createHash("sha256").update("signed by the js sdk").digest();
  const signed = await crypto_.sign("PS256", digest);
  result.signatureBytes = signed.result.length;
  result.verified = (await crypto_.verify("PS256", digest, signed.result)).result;
  const tampered = Buffer.from(signed.result);
  tampered[0] ^= 1;
  result.tamperedVerified = (await crypto_.verify("PS256", digest, tampered)).result;

  const plaintext = Buffer.from("secret from the js sdk");
  const encrypted = await crypto_.encrypt({ algorithm: "RSA-OAEP-256", plaintext });
  const decrypted = await crypto_.decrypt({ algorithm: "RSA-OAEP-256", ciphertext: encrypted.result });
  result.roundTrip = Buffer.from(decrypted.result).toString() === plaintext.toString();

  const poller = await client.beginDeleteKey(name, { intervalInMs: 100 });
  const deleted = await poller.pollUntilDone();
  result.recoveryId = deleted.properties.recoveryId;
  result.scheduledPurgeDate = deleted.properties.scheduledPurgeDate?.toISOString();
  await client.purgeDeletedKey(name);

  try {
    await client.getKey(name);
    result.missingError = null;
  } catch (error) {
    result.missingError = { name: error.name, code: error.code, statusCode: error.statusCode };
  }

  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
