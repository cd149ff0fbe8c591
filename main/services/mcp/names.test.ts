import { describe, expect, it } from 'vitest';
import { qualifyToolNames } from './names';

const VALID = /^[a-zA-Z0-9_-]{1,64}$/;

describe('qualifyToolNames', () => {
  it('joins server and tool as mcp__server__tool', () => {
    expect(qualifyToolNames([{ server: 'git', name: 'status' }, { server: 'my-db', name: 'run_query' }])).toEqual(['mcp__git__status', 'mcp__my-db__run_query']);
  });

  it('replaces characters models do not accept', () => {
    expect(qualifyToolNames([{ server: 'acme.tools', name: 'search files/v2' }])).toEqual(['mcp__acme_tools__search_files_v2']);
  });

  it('keeps names unique when sanitizing or the separator would merge two tools, whatever the order', () => {
    const tools = [
      { server: 'a.b', name: 't' },
      { server: 'a_b', name: 't' },
      { server: 'x__y', name: 'z' },
      { server: 'x', name: 'y__z' },
      { server: 'plain', name: 't' },
    ];
    const names = qualifyToolNames(tools);
    expect(new Set(names).size).toBe(tools.length);
    for (const n of names) expect(n).toMatch(VALID);
    expect(names[4]).toBe('mcp__plain__t');
    expect(qualifyToolNames([...tools].reverse())).toEqual([...names].reverse());
  });

  it('shortens long names to 64 characters and keeps them apart', () => {
    const long = 'x'.repeat(80);
    const names = qualifyToolNames([{ server: 's', name: `${long}1` }, { server: 's', name: `${long}2` }]);
    for (const n of names) expect(n).toMatch(VALID);
    expect(names[0]).not.toBe(names[1]);
    expect(names[0].startsWith('mcp__s__xxx')).toBe(true);
  });
});
