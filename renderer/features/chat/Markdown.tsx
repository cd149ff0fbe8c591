import type { ReactNode } from 'react';

/** Inline Markdown: `code`, **bold**, *italic*, [links](url). Built as React elements, never as HTML. */
function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  // a link's text is bounded: unbounded, every `[` of a long answer scanned to its end for a `]` (20k of them: 0.4 s a render)
  const re = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]\n]{1,500}\]\((https?:\/\/[^)\s]+)\))/g;
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    const k = `${key}-${n++}`;
    if (m[1]) out.push(<code key={k}>{m[1].slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={k}>{m[2].slice(2, -2)}</strong>);
    else if (m[3]) out.push(<em key={k}>{m[3].slice(1, -1)}</em>);
    else if (m[4])
      out.push(
        <a key={k} href={m[5]} target="_blank" rel="noopener noreferrer">
          {m[4].slice(1, m[4].indexOf(']'))}
        </a>,
      );
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A small, safe Markdown renderer for chat: paragraphs, headings, lists, fenced code with actions. */
export function Markdown(props: { text: string; onCode?: (code: string, action: 'copy' | 'insert') => void }) {
  const blocks: ReactNode[] = [];
  const lines = props.text.split('\n');
  let i = 0;
  let key = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = line.match(/^```(\S*)/);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) body.push(lines[i++]);
      i++; // closing fence (or end of a still-streaming answer)
      const code = body.join('\n');
      blocks.push(
        <div className="code-block" key={key++}>
          <div className="code-actions">
            <span className="muted small">{fence[1]}</span>
            {props.onCode && (
              <>
                <button onClick={() => props.onCode?.(code, 'copy')}>Copy</button>
                <button onClick={() => props.onCode?.(code, 'insert')}>Insert</button>
              </>
            )}
          </div>
          <pre>
            <code>{code}</code>
          </pre>
        </div>,
      );
      continue;
    }
    const heading = line.match(/^(#{1,4})\s+(.*)$/);
    if (heading) {
      blocks.push(
        <p className="md-heading" key={key++}>
          <strong>{inline(heading[2], `h${key}`)}</strong>
        </p>,
      );
      i++;
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: ReactNode[] = [];
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i])) {
        items.push(<li key={items.length}>{inline(lines[i].replace(/^\s*([-*]|\d+\.)\s+/, ''), `li${key}-${items.length}`)}</li>);
        i++;
      }
      blocks.push(ordered ? <ol key={key++}>{items}</ol> : <ul key={key++}>{items}</ul>);
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !/^```|^#{1,4}\s|^\s*([-*]|\d+\.)\s+/.test(lines[i])) para.push(lines[i++]);
    blocks.push(<p key={key++}>{inline(para.join(' '), `p${key}`)}</p>);
  }
  return <div className="markdown">{blocks}</div>;
}
