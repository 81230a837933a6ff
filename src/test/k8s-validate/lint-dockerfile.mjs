// Lints a Dockerfile offline with dockerfile-utils (npm; the validator of the Dockerfile
// language server, which reports what the Docker builder would refuse: unknown instructions
// and flags, malformed EXPOSE, STOPSIGNAL, ENV, COPY... and style warnings).
//
//   node lint-dockerfile.mjs <Dockerfile>
//
// Prints {"ok":true,"file":"Dockerfile","diagnostics":[]} on stdout; every diagnostic, warning
// or error, fails: exit code 1 (2 on bad usage).

import { readFileSync } from "node:fs";
import dockerfileUtils from "dockerfile-utils";

const [file] = process.argv.slice(2);
if (file === undefined || process.argv.length > 3) {
  process.stderr.write("usage: node lint-dockerfile.mjs <Dockerfile>\n");
  process.exit(2);
}
const { validate, ValidationSeverity } = dockerfileUtils;
// Every check on, as warning or error: nothing is ignored.
const settings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};
const diagnostics = validate(readFileSync(file, "utf8"), settings).map((d) => ({
  line: d.range.start.line + 1,
  severity: d.severity === 1 ? "error" : "warning",
  message: d.message,
}));
for (const d of diagnostics) {
  process.stderr.write(`${file}:${d.line}: ${d.severity}: ${d.message}\n`);
}
process.stdout.write(`${JSON.stringify({ ok: diagnostics.length === 0, file, diagnostics })}\n`);
process.exit(diagnostics.length === 0 ? 0 : 1);
