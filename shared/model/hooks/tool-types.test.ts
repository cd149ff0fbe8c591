import { describe, expect, it } from 'vitest';
import { matchesToolType, toolTypeProblem, type HookTool } from './tool-types';

const readFile: HookTool = { name: 'readFile', category: 'read' };
const fsWrite: HookTool = { name: 'fsWrite', category: 'write' };
const shell: HookTool = { name: 'executeBash', category: 'shell' };
const issue: HookTool = { name: 'github.create_issue', category: 'mcp', server: 'github' };
const bareIssue: HookTool = { name: 'create_issue', category: 'mcp', server: 'github' };
const enterprise: HookTool = { name: 'github-enterprise.create_issue', category: 'mcp', server: 'github-enterprise' };
const query: HookTool = { name: 'postgres.run_sql', category: 'mcp', server: 'postgres' };

describe('matchesToolType', () => {
  it.each<[string[], HookTool, boolean]>([
    [['*'], readFile, true],
    [['*'], issue, true],
    [['write'], fsWrite, true],
    [['write'], readFile, false],
    [['read', 'shell'], shell, true],
    [['@mcp'], issue, true],
    [['@mcp'], shell, false],
    [['@mcp.github'], issue, true],
    [['@github'], issue, true],
    [['@github'], bareIssue, true],
    [['@github'], enterprise, false],
    [['@github'], query, false],
    [['@github.create_issue'], issue, true],
    [['@github.create'], issue, false],
    [['@mcp.postgres'], query, true],
    [['/sql/'], query, true],
    [['/^run_sql$/'], query, false],
    [['/^postgres\\./'], query, true],
    [['/^READ/i'], readFile, true],
    [['/^READ/'], readFile, false],
    [['/create_issue/'], bareIssue, true],
    [[], readFile, false],
  ])('%j selects %j: %s', (toolTypes, tool, expected) => {
    expect(matchesToolType(toolTypes, tool)).toBe(expected);
  });

  it('does not let the name "mcp" select MCP tools; only "@mcp" does', () => {
    expect(matchesToolType(['mcp'], issue)).toBe(false);
  });

  it('gives the same answer every time for a global regex', () => {
    expect([1, 2, 3].map(() => matchesToolType(['/sql/g'], query))).toEqual([true, true, true]);
  });

  it('treats an invalid regex as matching nothing instead of throwing', () => {
    expect(matchesToolType(['/([/'], query)).toBe(false);
    expect(matchesToolType(['/([/', 'shell'], shell)).toBe(true);
  });
});

describe('toolTypeProblem', () => {
  it.each(['read', '*', '@mcp', '@github', '@mcp.github.tool', '/^x$/i'])('accepts %s', (entry) => {
    expect(toolTypeProblem(entry)).toBeUndefined();
  });

  it('explains bad entries', () => {
    expect(toolTypeProblem('Write')).toBe('must be one of read, write, shell, web, spec, *, an "@mcp…" prefix or a /regex/, got "Write"');
    expect(toolTypeProblem('@mcp.')).toBe('must name an MCP server after "@", like "@mcp", "@mcp.github" or "@github", got "@mcp."');
    expect(toolTypeProblem('/a/q')).toMatch(/^is not a valid regular expression \(.*\), got "\/a\/q"$/);
  });
});
