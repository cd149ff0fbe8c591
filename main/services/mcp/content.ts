/**
 * Turns an MCP tool result into the text a model reads. Text blocks are kept as they are;
 * binary blocks are summarized, because a model tool result here is text only and a
 * base64 blob would only burn context.
 */

interface Block {
  type: string;
  text?: unknown;
  data?: unknown;
  mimeType?: unknown;
  uri?: unknown;
  name?: unknown;
  resource?: { uri?: unknown; text?: unknown; blob?: unknown; mimeType?: unknown };
}

/** Decoded size of a base64 string, without decoding it. */
function base64Bytes(data: unknown): number {
  if (typeof data !== 'string') return 0;
  const s = data.replace(/\s/g, '');
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - padding);
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'text':
      return String(block.text ?? '');
    case 'image':
    case 'audio':
      return `[${block.type}: ${String(block.mimeType ?? 'unknown type')}, ${base64Bytes(block.data)} bytes]`;
    case 'resource': {
      const r = block.resource ?? {};
      const head = `[resource: ${String(r.uri ?? '?')}]`;
      if (typeof r.text === 'string') return `${head}\n${r.text}`;
      return typeof r.blob === 'string' ? `[resource: ${String(r.uri ?? '?')}, ${String(r.mimeType ?? 'binary')}, ${base64Bytes(r.blob)} bytes]` : head;
    }
    case 'resource_link':
      return `[resource: ${String(block.uri ?? '?')}]`;
    default:
      return `[${block.type} content]`;
  }
}

/** Text of a `tools/call` result: blocks joined by newlines; structured content as JSON when there are no blocks. */
export function resultToText(result: { content?: unknown; structuredContent?: unknown; toolResult?: unknown }): string {
  const blocks = Array.isArray(result.content) ? (result.content as Block[]) : [];
  if (blocks.length > 0) return blocks.map(blockText).join('\n');
  if (result.structuredContent !== undefined) return JSON.stringify(result.structuredContent);
  // servers on the 2024-10-07 protocol answer with `toolResult`
  if (result.toolResult !== undefined) return typeof result.toolResult === 'string' ? result.toolResult : JSON.stringify(result.toolResult);
  return '';
}
