// node validate.mjs RENDERED.yaml
// Validates every document of a rendered kustomization against the OpenAPI schema of its kind, with
// required fields: Kubernetes (kubernetes-models), Gateway API and cert-manager (@kubernetes-models/*). Prints one
// JSON object: the documents validated, the errors, and the kinds no installed schema covers (reported, not guessed).
import { readFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";

// The first source whose group matches: the Gateway API's group also ends in k8s.io.
const sources = [
  { group: /^gateway\.networking\.k8s\.io$/, module: (group, version) => `@kubernetes-models/gateway-api/${group}/${version}` },
  { group: /^cert-manager\.io$/, module: (group, version) => `@kubernetes-models/cert-manager/${group}/${version}` },
  { group: /^(|[a-z.]+\.k8s\.io|apps|autoscaling|batch|policy)$/, module: (group, version) => `kubernetes-models/${group ? `${group}/` : ""}${version}` },
];

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const source = sources.find((item) => item.group.test(group));
  if (!source) return undefined;
  try {
    return (await import(source.module(group, version)))[kind];
  } catch {
    return undefined;
  }
}

const input = await readFile(process.argv[2], "utf8");

const result = { validated: [], errors: [], unknown: [] };
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    result.errors.push({ document: "(unparsable)", message: document.errors.map(String).join("; ") });
    continue;
  }
  const value = document.toJS();
  if (value === null || value === undefined) continue;
  const name = `${value.apiVersion}/${value.kind} ${value.metadata?.name}`;
  const Model = await modelFor(value.apiVersion ?? "", value.kind ?? "");
  if (!Model) {
    result.unknown.push(name);
    continue;
  }
  // kustomize wraps a Secret's base64 over lines; the API server's decoder skips the line breaks, the schema's
  // "byte" format does not.
  if (value.kind === "Secret" && value.data) {
    for (const key of Object.keys(value.data)) value.data[key] = String(value.data[key]).replace(/\s+/g, "");
  }
  try {
    new Model(value).validate();
    result.validated.push(name);
  } catch (error) {
    result.errors.push({ document: name, message: error.message });
  }
}

process.stdout.write(JSON.stringify(result));
