import { parentPort } from 'node:worker_threads';
import Handlebars from 'handlebars';
import { compileSources, OutputTooLargeError, renderCompiled, type CompiledTemplate } from './compile';
import { BUILTIN_HELPER_NAMES, HELPER_NAMES, registerHelpers } from './helpers';
import type { PreviewReply, PreviewRequest } from './preview-thread';

// The preview thread's side (see preview-thread.ts): the same helpers and compile options
// as the registry, so a preview is what a message would be.
const hb = Handlebars.create();
registerHelpers(hb);
const kit = { hb, helpers: new Set([...HELPER_NAMES, ...BUILTIN_HELPER_NAMES]) };
/** Compiled by key (`id@version`, `builtin:type`): previewing one template again skips the compile. */
const compiled = new Map<string, CompiledTemplate>();
const MAX_COMPILED = 20;

function compiledFor(request: PreviewRequest): CompiledTemplate {
  let template = compiled.get(request.key);
  if (!template) {
    template = compileSources(request.sources, kit);
    compiled.set(request.key, template);
    if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value ?? request.key);
  }
  return template;
}

parentPort?.on('message', (request: PreviewRequest) => {
  let reply: PreviewReply;
  try {
    const email = renderCompiled(compiledFor(request), request.variables, request.maxChars);
    const size = email.html.length + email.text.length;
    reply = size > request.maxChars ? { id: request.id, tooLarge: size } : { id: request.id, email };
  } catch (error) {
    if (error instanceof OutputTooLargeError) reply = { id: request.id, tooLarge: error.chars };
    else reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
