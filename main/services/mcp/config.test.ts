import { describe, expect, it } from 'vitest';
import { expandVars, mergeMcpConfigs, parseMcpConfig, type McpStdioServer } from './config';

const FILE = '.kiro/settings/mcp.json';
const config = (mcpServers: unknown) => JSON.stringify({ mcpServers }, null, 2);

const documented = config({
  local: { command: 'npx', args: ['-y', 'some-server'], env: { KEY: '${KEY}' }, disabled: false, autoApprove: ['tool_a'], disabledTools: ['tool_c'] },
  remote: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } },
});

const stdio = (command: string, extra: Partial<McpStdioServer> = {}): McpStdioServer => ({
  kind: 'stdio',
  command,
  args: [],
  env: {},
  disabled: false,
  autoApprove: [],
  disabledTools: [],
  ...extra,
});

describe('parseMcpConfig', () => {
  it('parses the documented example with defaults filled in', () => {
    expect(parseMcpConfig(FILE, documented)).toEqual({
      servers: {
        local: { kind: 'stdio', command: 'npx', args: ['-y', 'some-server'], env: { KEY: '${KEY}' }, disabled: false, autoApprove: ['tool_a'], disabledTools: ['tool_c'] },
        remote: { kind: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer ${TOKEN}' }, disabled: false, autoApprove: [], disabledTools: [] },
      },
      problems: [],
    });
  });

  it('keeps good servers and reports each bad one by file and name', () => {
    const { servers, problems } = parseMcpConfig(
      FILE,
      config({
        good: { command: 'uvx', args: ['mcp-git'], cwd: '/repo', type: 'stdio' },
        empty: {},
        both: { command: 'x', url: 'https://x.dev' },
        typed: { command: 'node', args: 'server.js', env: { PORT: 8080 }, disabled: 'no' },
        remote: { url: 'ftp://files.example.com', headers: [] },
        blank: { command: ' ' },
        notAnObject: 'npx server',
      }),
    );
    expect(Object.keys(servers)).toEqual(['good']);
    expect(servers.good).toMatchObject({ kind: 'stdio', command: 'uvx', args: ['mcp-git'], cwd: '/repo' });
    expect(servers.good).not.toHaveProperty('type');
    expect(problems).toEqual([
      `${FILE}: server "empty" needs "command" (a program to start) or "url" (a remote server), and has neither`,
      `${FILE}: server "both" has both "command" and "url"; keep "command" for a local server or "url" for a remote one`,
      `${FILE}: server "typed": "disabled" must be true or false, got "no"`,
      `${FILE}: server "typed": "args" must be a list of strings, got "server.js"`,
      `${FILE}: server "typed": "env.PORT" must be a string, got 8080`,
      `${FILE}: server "remote": "url" must be an http:// or https:// address`,
      `${FILE}: server "remote": "headers" must be an object of string values, got a list`,
      `${FILE}: server "blank": "command" must not be empty`,
      `${FILE}: server "notAnObject" must be an object with "command" or "url", got "npx server"`,
    ]);
  });

  it('accepts a url that only becomes complete after expansion', () => {
    expect(parseMcpConfig(FILE, config({ r: { url: '${MCP_URL}/mcp' } })).problems).toEqual([]);
  });

  it('reports invalid JSON with where and why', () => {
    expect(parseMcpConfig(FILE, '{ "mcpServers": {\n  "a": { "command": "x", } } }')).toEqual({
      servers: {},
      problems: [`${FILE}: not valid JSON at line 2 column 26: Expected double-quoted property name`],
    });
  });

  it('reports a file or mcpServers of the wrong shape', () => {
    expect(parseMcpConfig(FILE, '[]').problems).toEqual([`${FILE}: must be a JSON object like { "mcpServers": { … } }, got a list`]);
    expect(parseMcpConfig(FILE, '{ "mcpServers": [] }').problems).toEqual([`${FILE}: "mcpServers" must be an object of servers by name, got a list`]);
  });

  it('treats an empty file or one without mcpServers as no servers', () => {
    expect(parseMcpConfig(FILE, '  \n')).toEqual({ servers: {}, problems: [] });
    expect(parseMcpConfig(FILE, '{}')).toEqual({ servers: {}, problems: [] });
  });

  it('keeps a server named __proto__ as a plain entry', () => {
    const { servers } = parseMcpConfig(FILE, '{ "mcpServers": { "__proto__": { "command": "x" } } }');
    expect(Object.keys(servers)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(servers)).toBe(Object.prototype);
  });
});

describe('mergeMcpConfigs', () => {
  it('lets the workspace replace a user server of the same name whole, and marks each scope', () => {
    const user = { git: stdio('uvx', { autoApprove: ['status'], env: { A: '1' } }), fetch: stdio('fetch') };
    const workspace = { git: stdio('docker'), db: stdio('pg') };
    expect(mergeMcpConfigs(user, workspace)).toEqual({
      git: { ...stdio('docker'), scope: 'workspace' },
      fetch: { ...stdio('fetch'), scope: 'user' },
      db: { ...stdio('pg'), scope: 'workspace' },
    });
  });

  it('does not change its inputs', () => {
    const user = { a: stdio('a') };
    mergeMcpConfigs(user, {});
    expect(user.a).not.toHaveProperty('scope');
  });
});

describe('expandVars', () => {
  it('expands command, args, cwd and env values of a local server', () => {
    const server = stdio('${BIN}/server', { args: ['--token', '${TOKEN}', 'plain'], env: { KEY: '${KEY}', ['${NAME}']: 'x' }, cwd: '${HOME}/work' });
    const { config: out, missing } = expandVars(server, { BIN: '/opt/bin', TOKEN: 't0k', KEY: 'k', HOME: '/home/me', NAME: 'n' });
    expect(out).toMatchObject({ command: '/opt/bin/server', args: ['--token', 't0k', 'plain'], env: { KEY: 'k', ['${NAME}']: 'x' }, cwd: '/home/me/work' });
    expect(missing).toEqual([]);
  });

  it('expands url and header values of a remote server', () => {
    const { servers } = parseMcpConfig(FILE, documented);
    const { config: out, missing } = expandVars(servers.remote, { TOKEN: 'abc' });
    expect(out).toMatchObject({ kind: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer abc' } });
    expect(missing).toEqual([]);
  });

  it('expands unset variables to an empty string and lists each once', () => {
    const server = stdio('run', { args: ['${A}', '${B}-${A}'], env: { X: '${EMPTY}' } });
    const { config: out, missing } = expandVars(server, { B: 'b', EMPTY: '', A: undefined });
    expect(out).toMatchObject({ args: ['', 'b-'], env: { X: '' } });
    expect(missing).toEqual(['A']);
  });

  it('leaves text that is not a ${VAR} alone and keeps the scope', () => {
    const server = { ...stdio('echo $HOME ${} ${1X}'), scope: 'user' as const };
    const { config: out } = expandVars(server, { HOME: '/h' });
    expect(out.command).toBe('echo $HOME ${} ${1X}');
    expect(out.scope).toBe('user');
  });

  it('does not read inherited properties as variables', () => {
    expect(expandVars(stdio('${toString}'), {}).missing).toEqual(['toString']);
  });
});
