// Checks Kubernetes manifests offline: every object against the JSON schema of its kind, and
// the kustomization that ties them together.
//
//   node validate.mjs [--dump] <file-or-directory>...
//
// A directory stands for its *.yaml and *.yml files (dotfiles such as .yamllint skipped).
// Each file may hold several documents. Prints one JSON summary on stdout:
//   {"ok":true,"files":8,"objects":8,"kinds":{"Deployment":1,...},"errors":[]}
// and, with --dump, every object as parsed ("dump": [{"file","document","object"}]) so that a
// test in another language can check its fields without a YAML parser of its own. Each error
// also goes to stderr as a line. Exit code 0 when all is valid, 1 on any error, 2 on bad usage.
//
// Schemas: kubernetes-models (npm), which ships the Kubernetes OpenAPI definitions compiled to
// JSON-schema validators, one model per apiVersion/kind. A kind it does not know is an error,
// so a typo in apiVersion or kind cannot slip through. Its schemas check types, required
// fields and formats; like the API server's own schema they allow unknown fields (kubectl's
// strict field validation catches those at apply time).
//
// Besides the schemas, rules of this repository's layout: every object has a valid name and no
// namespace (the namespace comes from `kubectl -n` or an overlay), no two objects share a kind
// and name, and the kustomization lists exactly the manifest files beside it.

import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { parseAllDocuments } from "yaml";

const KUSTOMIZATION_API = "kustomize.config.k8s.io/v1beta1";
const KUSTOMIZATION_KEYS = new Set(["apiVersion", "kind", "metadata", "resources", "components",
  "namespace", "namePrefix", "nameSuffix", "labels", "commonLabels", "commonAnnotations",
  "images", "replicas", "patches", "configMapGenerator", "secretGenerator", "generatorOptions"]);
const IMAGE_KEYS = new Set(["name", "newName", "newTag", "digest"]);
const LABEL_KEYS = new Set(["pairs", "includeSelectors", "includeTemplates", "fields"]);
// RFC 1123 subdomain (most objects) and RFC 1035 label (Services), as the API server checks.
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const args = process.argv.slice(2);
const dump = args.includes("--dump");
const paths = args.filter((arg) => arg !== "--dump");
if (paths.length === 0 || paths.some((arg) => arg.startsWith("--"))) {
  process.stderr.write("usage: node validate.mjs [--dump] <file-or-directory>...\n");
  process.exit(2);
}

const errors = [];
const dumped = [];
const kinds = {};
const seen = new Map();
let fileCount = 0;
let objectCount = 0;

function report(file, document, object, path, message) {
  const error = {
    file,
    document,
    kind: object?.kind ?? null,
    name: object?.metadata?.name ?? null,
    path,
    message,
  };
  errors.push(error);
  process.stderr.write(`${file}#${document} ${error.kind ?? "?"}/${error.name ?? "?"} `
    + `${path}: ${message}\n`);
}

function manifestFiles(path) {
  if (!existsSync(path)) {
    report(path, 0, null, "", "no such file or directory");
    return [];
  }
  if (!statSync(path).isDirectory()) {
    return [path];
  }
  return readdirSync(path)
    .filter((name) => !name.startsWith(".") && /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(path, name));
}

/** The kubernetes-models class for an apiVersion and kind, or null when it has none. */
async function modelFor(apiVersion, kind) {
  // Only names of the API's own shapes reach the import path.
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)
      || !/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion)) {
    return null;
  }
  // The Prometheus Operator's kinds (k8s/monitoring) come from their own package.
  const models = apiVersion.startsWith("monitoring.coreos.com/")
    ? "@kubernetes-models/prometheus-operator" : "kubernetes-models";
  try {
    const module = await import(`${models}/${apiVersion}/${kind}`);
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

function checkName(file, index, object) {
  const name = object.metadata?.name;
  if (typeof name !== "string" || name.length === 0) {
    report(file, index, object, "/metadata/name", "missing");
    return;
  }
  const service = object.kind === "Service";
  const pattern = service ? DNS_LABEL : DNS_SUBDOMAIN;
  if (!pattern.test(name) || name.length > (service ? 63 : 253)) {
    report(file, index, object, "/metadata/name",
      `"${name}" is not a valid ${service ? "RFC 1035 label" : "RFC 1123 subdomain"}`);
  }
  if (object.metadata.namespace !== undefined) {
    report(file, index, object, "/metadata/namespace",
      "set: the manifests are namespace-agnostic (use kubectl -n or an overlay)");
  }
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
  const id = `${group}/${object.kind}/${name}`;
  if (seen.has(id)) {
    report(file, index, object, "/metadata/name", `also defined in ${seen.get(id)}`);
  } else {
    seen.set(id, `${file}#${index}`);
  }
}

async function checkObject(file, index, object) {
  const Model = await modelFor(object.apiVersion, object.kind);
  if (Model === null) {
    report(file, index, object, "", `no schema for ${object.apiVersion} ${object.kind}`);
    return;
  }
  checkName(file, index, object);
  try {
    new Model(object).validate();
  } catch (e) {
    const details = Array.isArray(e.errors) ? e.errors : [{ instancePath: "", message: e.message }];
    for (const detail of details) {
      const params = detail.params && Object.keys(detail.params).length > 0
        ? ` ${JSON.stringify(detail.params)}` : "";
      report(file, index, object, detail.instancePath || "/", `${detail.message}${params}`);
    }
  }
}

function isStringMap(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    && Object.values(value).every((v) => typeof v === "string");
}

/** kustomization.yaml: the fields kustomize reads, and resources that are the files beside it. */
function checkKustomization(file, index, object) {
  if (object.apiVersion !== KUSTOMIZATION_API) {
    report(file, index, object, "/apiVersion", `must be ${KUSTOMIZATION_API}`);
  }
  if (basename(file) !== "kustomization.yaml") {
    report(file, index, object, "", "a Kustomization must be in a file named kustomization.yaml");
  }
  for (const key of Object.keys(object)) {
    if (!KUSTOMIZATION_KEYS.has(key)) {
      report(file, index, object, `/${key}`, "not a kustomization field");
    }
  }
  const resources = object.resources;
  if (!Array.isArray(resources) || resources.length === 0
      || !resources.every((r) => typeof r === "string")) {
    report(file, index, object, "/resources", "must be a non-empty list of paths");
  } else {
    const dir = dirname(file);
    resources.forEach((resource, i) => {
      if (resources.indexOf(resource) !== i) {
        report(file, index, object, `/resources/${i}`, `${resource} listed twice`);
      }
      if (!existsSync(join(dir, resource))) {
        report(file, index, object, `/resources/${i}`, `${resource} does not exist`);
      }
    });
    for (const sibling of manifestFiles(dir)) {
      const name = relative(dir, sibling);
      if (name !== basename(file) && !resources.includes(name)) {
        report(file, index, object, "/resources", `${name} is beside it but not listed`);
      }
    }
  }
  if (object.images !== undefined) {
    if (!Array.isArray(object.images)) {
      report(file, index, object, "/images", "must be a list");
    } else {
      object.images.forEach((image, i) => {
        if (image === null || typeof image !== "object" || typeof image.name !== "string"
            || !Object.keys(image).every((k) => IMAGE_KEYS.has(k) && typeof image[k] === "string")) {
          report(file, index, object, `/images/${i}`,
            "must have a name and only string newName, newTag, digest");
        }
      });
    }
  }
  if (object.labels !== undefined) {
    if (!Array.isArray(object.labels)) {
      report(file, index, object, "/labels", "must be a list");
    } else {
      object.labels.forEach((label, i) => {
        if (label === null || typeof label !== "object" || !isStringMap(label.pairs)
            || !Object.keys(label).every((k) => LABEL_KEYS.has(k))) {
          report(file, index, object, `/labels/${i}`, "must have pairs of strings");
        }
      });
    }
  }
  for (const key of ["commonLabels", "commonAnnotations"]) {
    if (object[key] !== undefined && !isStringMap(object[key])) {
      report(file, index, object, `/${key}`, "must map strings to strings");
    }
  }
}

for (const path of paths) {
  for (const file of manifestFiles(path)) {
    fileCount++;
    // Kubernetes reads YAML 1.1 (yes/no/on/off are booleans there): parse as it does.
    const documents = parseAllDocuments(readFileSync(file, "utf8"),
      { version: "1.1", uniqueKeys: true, prettyErrors: true });
    if (!Array.isArray(documents)) {
      report(file, 0, null, "", "not a YAML stream");
      continue;
    }
    for (const [index, document] of documents.entries()) {
      for (const problem of [...document.errors, ...document.warnings]) {
        report(file, index, null, "", `YAML: ${problem.message.split("\n")[0]}`);
      }
      if (document.errors.length > 0) {
        continue;
      }
      const object = document.toJS();
      if (object === null || object === undefined) {
        continue; // an empty document, e.g. after a trailing "---"
      }
      objectCount++;
      if (typeof object !== "object" || Array.isArray(object)
          || typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
        report(file, index, null, "", "not an object with a string apiVersion and kind");
        continue;
      }
      kinds[object.kind] = (kinds[object.kind] ?? 0) + 1;
      if (dump) {
        dumped.push({ file, document: index, object });
      }
      if (object.kind === "Kustomization") {
        checkKustomization(file, index, object);
      } else {
        await checkObject(file, index, object);
      }
    }
  }
}

const summary = { ok: errors.length === 0, files: fileCount, objects: objectCount, kinds, errors };
if (dump) {
  summary.dump = dumped;
}
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(errors.length === 0 ? 0 : 1);
