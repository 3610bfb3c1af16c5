// Drives `peepshow mcp` with the official MCP TypeScript client, as an agent host would.
// usage: node mcp-client.mjs <node_modules> <command> [args...]   (the plan arrives as JSON on stdin)
// The plan is a list of steps: {"op": "list"} | {"op": "call", "name": ..., "arguments": {...}, "progress": bool,
// "cancelAfterProgress": n}. "$runId" in an argument value is replaced by the run id of the last watch_video result.
// Prints one JSON report on stdout: what the server answered, with each image checked as a JPEG.
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [nodeModules, command, ...args] = process.argv.slice(2);
const sdk = (path) => import(pathToFileURL(join(nodeModules, "@modelcontextprotocol", "sdk", "dist", "esm", path)).href);
const { Client } = await sdk("client/index.js");
const { StdioClientTransport } = await sdk("client/stdio.js");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const plan = JSON.parse(input);

/** Width and height from the JPEG's start-of-frame header, or null when the bytes are not a JPEG. */
function jpegSize(bytes) {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    if (marker === 0xff) { i++; continue; }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) { i += 2; continue; }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: (bytes[i + 7] << 8) | bytes[i + 8], height: (bytes[i + 5] << 8) | bytes[i + 6] };
    i += 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
  }
  return null;
}

function describe(block) {
  if (block.type === "text") return { type: "text", text: block.text };
  if (block.type === "image") {
    const bytes = Buffer.from(block.data, "base64");
    return {
      type: "image",
      mimeType: block.mimeType,
      bytes: bytes.length,
      jpeg: bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9,
      width: jpegSize(bytes)?.width ?? null,
      height: jpegSize(bytes)?.height ?? null,
    };
  }
  return { type: block.type };
}

const env = { ...process.env };
const transport = new StdioClientTransport({ command, args, env, stderr: "inherit" });
const client = new Client({ name: "peepshow-specs", version: "1.0.0" });
const report = { steps: [] };
let runId = null;

try {
  await client.connect(transport);
  report.server = client.getServerVersion();
  report.capabilities = client.getServerCapabilities();
  for (const step of plan) {
    if (step.op === "list") {
      const { tools } = await client.listTools();
      report.steps.push({ op: "list", tools: tools.map((t) => ({ name: t.name, required: t.inputSchema.required ?? [], properties: Object.keys(t.inputSchema.properties ?? {}) })) });
      continue;
    }
    const argsJson = JSON.stringify(step.arguments ?? {}).replaceAll("$runId", runId ?? "");
    const progress = [];
    const controller = new AbortController();
    const options = { signal: controller.signal, timeout: 120000 };
    if (step.progress || step.cancelAfterProgress) {
      options.onprogress = (p) => {
        progress.push(p);
        if (step.cancelAfterProgress && progress.length === step.cancelAfterProgress) controller.abort("the spec cancels");
      };
    }
    const started = Date.now();
    try {
      const result = await client.callTool({ name: step.name, arguments: JSON.parse(argsJson) }, undefined, options);
      if (step.name === "watch_video" && result.structuredContent?.runId) runId = result.structuredContent.runId;
      report.steps.push({ op: "call", name: step.name, isError: result.isError ?? false, content: result.content.map(describe), structuredContent: result.structuredContent ?? null, progress, ms: Date.now() - started });
    } catch (error) {
      report.steps.push({ op: "call", name: step.name, error: String(error?.message ?? error), code: error?.code ?? null, progress, ms: Date.now() - started });
    }
  }
} finally {
  await client.close();
}
process.stdout.write(JSON.stringify(report));
