// Renders chat-format JSONL (Parley's dialogues.jsonl or its OpenAI export) through real chat templates with
// @huggingface/jinja and reports, per template, how many samples rendered, which failed, and any message text, tool
// call (name and every argument value) or tool result that does not appear in the rendered string. "byDesign" counts
// texts a template leaves out for every input (see the notes on the templates below).
//
// Usage: node render.mjs [--templates name,name] <file.jsonl> [<file.jsonl> ...]   (prints one JSON report on stdout;
// --templates renders through those templates only, default all)
//
// Each sample goes to the template as a trainer would pass it: messages and tools as they are in the file, except that
// tool-call arguments (JSON text in the file, as OpenAI's format has it) become objects for the templates that write
// them with `tojson` (Qwen2.5, Llama 3.1, Mistral), which would otherwise encode them twice. DeepSeek's template
// concatenates the string and Qwen3's takes either, so they get the file's string unchanged.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Template } from "@huggingface/jinja";

const here = dirname(fileURLToPath(import.meta.url));
const allTemplates = [
  { name: "qwen2.5", file: "qwen2.5.jinja", argumentsAsObjects: true, tokens: {} },
  { name: "qwen3", file: "qwen3.jinja", argumentsAsObjects: false, tokens: {} },
  // Llama 3.1's and Mistral's templates write only the call of an assistant message that calls a tool, never text said
  // beside it; Mistral's writes the system prompt only into the last user message, so a sample ending with the
  // assistant (every training sample) renders without it. DeepSeek-V3.1's own template lists no tools (the caller
  // describes them in the system prompt). These are the templates' designs: counted as "by design", not as losses.
  // Llama 3.1's template also raises on an assistant message with several tool calls ("This model only supports
  // single tool-calls at once!"): that is a failure like any other; `parley export --split-parallel-calls` writes
  // one call per message for it.
  { name: "llama3.1", file: "llama3.1.jinja", argumentsAsObjects: true, tokens: { bos_token: "<|begin_of_text|>", eos_token: "<|eot_id|>" }, dropsTextBesideCalls: true },
  { name: "mistral-nemo", file: "mistral-nemo.jinja", argumentsAsObjects: true, tokens: { bos_token: "<s>", eos_token: "</s>" }, dropsTextBesideCalls: true, systemOnlyBeforeLastUser: true },
  { name: "deepseek-v3.1", file: "deepseek-v3.1.jinja", argumentsAsObjects: false, tokens: { bos_token: "<｜begin▁of▁sentence｜>", eos_token: "<｜end▁of▁sentence｜>" }, listsNoTools: true },
].map((t) => ({ ...t, template: new Template(readFileSync(join(here, "chat", t.file), "utf8")) }));

const args = process.argv.slice(2);
const only = args[0] === "--templates" ? args[1].split(",") : null;
const files = only ? args.slice(2) : args;
const unknown = (only ?? []).filter((name) => !allTemplates.some((t) => t.name === name));
if (unknown.length > 0) throw new Error(`unknown template(s): ${unknown.join(", ")}`);
const templates = only ? allTemplates.filter((t) => only.includes(t.name)) : allTemplates;

function forTemplate(messages, argumentsAsObjects) {
  return messages.map((message) => {
    const copy = Object.fromEntries(Object.entries(message).filter(([, value]) => value !== null && value !== undefined));
    if (argumentsAsObjects && Array.isArray(copy.tool_calls)) {
      copy.tool_calls = copy.tool_calls.map((call) => ({ ...call, function: { ...call.function, arguments: JSON.parse(call.function.arguments) } }));
    }
    return copy;
  });
}

// A text is present when it appears as it is, trimmed (Llama trims), or JSON-string-encoded (Llama wraps tool results in
// {"output": ...} with tojson).
function present(rendered, text) {
  if (text.length === 0) return true;
  const trimmed = text.trim();
  return rendered.includes(text) || rendered.includes(trimmed) || rendered.includes(JSON.stringify(trimmed).slice(1, -1));
}

// Every argument value of a call, as the template may write it (the argument's JSON, or a string's own text).
function argumentTexts(call) {
  const parsed = JSON.parse(call.function.arguments);
  return Object.values(parsed).map((value) => (typeof value === "string" ? value : JSON.stringify(value)));
}

function missing(sample, rendered, template, entry) {
  const lost = [];
  sample.messages.forEach((message, index) => {
    if (typeof message.content !== "string") lost.push(`message ${index}: content is not a string`);
    else if (!present(rendered, message.content)) {
      const byDesign = (message.role === "system" && template.systemOnlyBeforeLastUser) || (message.tool_calls?.length > 0 && template.dropsTextBesideCalls);
      if (byDesign) entry.byDesign++;
      else lost.push(`message ${index} (${message.role}): text`);
    }
    for (const call of message.tool_calls ?? []) {
      if (!rendered.includes(call.function.name)) lost.push(`message ${index}: call ${call.function.name}`);
      for (const value of argumentTexts(call)) {
        if (!present(rendered, value)) lost.push(`message ${index}: argument ${value} of ${call.function.name}`);
      }
    }
  });
  for (const tool of template.listsNoTools ? [] : sample.tools ?? []) {
    if (!rendered.includes(tool.function.name)) lost.push(`tool ${tool.function.name} not listed`);
  }
  return lost;
}

const report = { files: [], templates: {} };
for (const t of templates) report.templates[t.name] = { rendered: 0, failed: 0, lost: 0, byDesign: 0, examples: [] };
for (const path of files) {
  const lines = readFileSync(path, "utf8").split("\n").filter((line) => line.trim().length > 0);
  report.files.push({ path, samples: lines.length });
  for (const line of lines) {
    const sample = JSON.parse(line);
    for (const t of templates) {
      const entry = report.templates[t.name];
      let rendered;
      try {
        rendered = t.template.render({ messages: forTemplate(sample.messages, t.argumentsAsObjects), tools: sample.tools, add_generation_prompt: false, ...t.tokens });
      } catch (error) {
        entry.failed++;
        if (entry.examples.length < 5) entry.examples.push(`${sample.id}: ${error.message}`);
        continue;
      }
      const lost = missing(sample, rendered, t, entry);
      if (lost.length > 0) {
        entry.lost++;
        if (entry.examples.length < 5) entry.examples.push(`${sample.id}: ${lost.slice(0, 3).join("; ")}`);
      } else {
        entry.rendered++;
      }
    }
  }
}
process.stdout.write(JSON.stringify(report, null, 1) + "\n");
