import { describe, expect, it } from 'vitest';
import { decide, globToRegExp, parsePolicy, preciseRule, ruleMatches, type ScopedRule } from './rules';

const user = (tool: ScopedRule['tool'], match: string, action: ScopedRule['action']): ScopedRule => ({ scope: 'user', tool, match, action });
const ws = (tool: ScopedRule['tool'], match: string, action: ScopedRule['action']): ScopedRule => ({ scope: 'workspace', tool, match, action });

describe('rule matching', () => {
  it.each([
    ['shell', 'npm test', 'npm test', true],
    ['shell', 'npm test', 'npm  test ', true],
    ['shell', 'npm test', 'npm test -- --watch', false],
    ['shell', 'npm run *', 'npm run build', true],
    ['shell', 'npm run *', 'npm run', true],
    ['shell', 'npm run *', 'npm install', false],
    ['shell', 'git *', 'git push --force', true],
    ['write', 'src/**', 'src/a/b.ts', true],
    ['write', 'src/**', 'lib/a.ts', false],
    ['write', 'src/*.ts', 'src/a/b.ts', false],
    ['write', '*.md', 'docs/deep/readme.md', true],
    ['write', '.env', 'config/.env', true],
    ['write', 'src/**/*.test.ts', 'src/x.test.ts', true],
    ['web', 'docs.aws.amazon.com', 'https://docs.aws.amazon.com/bedrock/x', true],
    ['web', 'docs.aws.amazon.com', 'https://evil.com/?docs.aws.amazon.com', false],
    ['web', '*.github.com', 'https://api.github.com/repos', true],
    ['web', '*.github.com', 'https://github.com/', true],
    ['web', '*.github.com', 'https://notgithub.com/', false],
    ['web', 'https://example.com/docs/*', 'https://example.com/docs/a/b', true],
    ['web', 'https://example.com/docs/*', 'https://example.com/admin', false],
    ['mcp', 'github/*', 'github/create_issue', true],
    ['mcp', 'github/list_*', 'github/create_issue', false],
  ] as const)('%s rule "%s" vs %s → %s', (tool, match, subject, expected) => {
    expect(ruleMatches({ tool, match, action: 'allow' }, tool, subject)).toBe(expected);
  });

  it('never matches across tools', () => {
    expect(ruleMatches({ tool: 'shell', match: '*', action: 'allow' }, 'web', 'https://x.dev')).toBe(false);
  });

  it('globs anchor at folders', () => {
    expect(globToRegExp('a/*.ts').test('a/b.ts')).toBe(true);
    expect(globToRegExp('a/*.ts').test('x/a/b.ts')).toBe(false);
  });
});

describe('decide', () => {
  const supervised = { mode: 'supervised' as const };
  const autopilot = { mode: 'autopilot' as const };

  it('deny wins over allow and ask, whichever scope and order', () => {
    const rules = [user('shell', 'git *', 'allow'), ws('shell', 'git push*', 'deny'), user('shell', 'git push *', 'ask')];
    const d = decide(rules, { tool: 'shell', subject: 'git push origin main' }, autopilot);
    expect(d.action).toBe('deny');
    expect(d.rule?.scope).toBe('workspace');
    expect(d.reason).toContain('git push*');
  });

  it('an auto-approved MCP tool runs without asking, unless a rule asks or denies', () => {
    const req = { tool: 'mcp' as const, subject: 'github/search', autoApproved: true };
    expect(decide([], req, supervised).action).toBe('allow');
    expect(decide([], { ...req, autoApproved: false }, supervised).action).toBe('ask');
    expect(decide([user('mcp', 'github/*', 'deny')], req, supervised).action).toBe('deny');
    expect(decide([ws('mcp', 'github/search', 'ask')], req, autopilot).action).toBe('ask');
  });

  it('ask wins over allow', () => {
    const rules = [ws('web', '*.example.com', 'allow'), user('web', 'secret.example.com', 'ask')];
    expect(decide(rules, { tool: 'web', subject: 'https://secret.example.com/' }, autopilot).action).toBe('ask');
    expect(decide(rules, { tool: 'web', subject: 'https://www.example.com/' }, supervised).action).toBe('allow');
  });

  it('chained commands are decided part by part: every part must be allowed', () => {
    const rules = [user('shell', 'npm test', 'allow')];
    expect(decide(rules, { tool: 'shell', subject: 'npm test' }, supervised).action).toBe('allow');
    expect(decide(rules, { tool: 'shell', subject: 'npm test && npm publish' }, supervised).action).toBe('ask');
    expect(decide([...rules, user('shell', 'npm publish', 'deny')], { tool: 'shell', subject: 'npm test; npm publish' }, autopilot).action).toBe('deny');
    expect(decide([...rules, user('shell', 'curl *', 'deny')], { tool: 'shell', subject: 'echo $(curl http://x)' }, autopilot).action).toBe('deny');
  });

  it('destructive commands ask even in Autopilot and even when a rule allows them, and cannot be always-allowed', () => {
    const d = decide([user('shell', '*', 'allow')], { tool: 'shell', subject: 'npm run build && rm -rf src' }, autopilot);
    expect(d.action).toBe('ask');
    expect(d.alwaysAsks).toBe(true);
    expect(d.reason).toMatch(/Destructive/);
  });

  it('a deny rule still denies a destructive command', () => {
    expect(decide([user('shell', 'rm *', 'deny')], { tool: 'shell', subject: 'rm -rf /' }, autopilot).action).toBe('deny');
  });

  it('without rules: read-only commands run, others ask in Supervised and run in Autopilot', () => {
    expect(decide([], { tool: 'shell', subject: 'ls -la src' }, supervised).action).toBe('allow');
    expect(decide([], { tool: 'shell', subject: 'git status' }, supervised).action).toBe('allow');
    expect(decide([], { tool: 'shell', subject: 'echo hi > out.txt' }, supervised).action).toBe('ask');
    expect(decide([], { tool: 'shell', subject: 'find . -name x -delete' }, supervised).action).toBe('ask');
    expect(decide([], { tool: 'shell', subject: 'npm install' }, supervised).action).toBe('ask');
    expect(decide([], { tool: 'shell', subject: 'npm install' }, autopilot).action).toBe('allow');
    expect(decide([], { tool: 'web', subject: 'https://x.dev' }, supervised).action).toBe('ask');
    expect(decide([], { tool: 'mcp', subject: 'github/create_issue' }, autopilot).action).toBe('allow');
  });

  it('writes are allowed by default, denied by a rule, and policy files always ask', () => {
    const protectedPaths = ['.kiro/settings/permissions.json'];
    expect(decide([], { tool: 'write', subject: 'src/a.ts' }, { ...autopilot, protectedPaths }).action).toBe('allow');
    expect(decide([ws('write', '.env', 'deny')], { tool: 'write', subject: '.env' }, autopilot).action).toBe('deny');
    const d = decide([user('write', '**', 'allow')], { tool: 'write', subject: '.kiro/settings/permissions.json' }, { ...autopilot, protectedPaths });
    expect(d).toMatchObject({ action: 'ask', alwaysAsks: true });
  });

  it('an empty command is refused', () => {
    expect(decide([], { tool: 'shell', subject: '   ' }, autopilot).action).toBe('deny');
  });
});

describe('precise rules', () => {
  it('allow exactly what was asked', () => {
    expect(preciseRule({ tool: 'shell', subject: ' npm   test ' })).toEqual({ tool: 'shell', match: 'npm test', action: 'allow' });
    expect(preciseRule({ tool: 'web', subject: 'https://Docs.Example.com/a?b' })).toEqual({ tool: 'web', match: 'docs.example.com', action: 'allow' });
    const r = preciseRule({ tool: 'shell', subject: 'npm test' });
    expect(decide([{ ...r, scope: 'workspace' }], { tool: 'shell', subject: 'npm test' }, { mode: 'supervised' }).action).toBe('allow');
    expect(decide([{ ...r, scope: 'workspace' }], { tool: 'shell', subject: 'npm test; curl x' }, { mode: 'supervised' }).action).toBe('ask');
  });
});

describe('policy files', () => {
  it('keep good rules and describe bad ones', () => {
    const { rules, problems } = parsePolicy(
      JSON.stringify({ rules: [{ tool: 'shell', match: 'npm test', action: 'allow' }, { tool: 'disk', match: 'x', action: 'allow' }, { tool: 'web', match: '', action: 'deny' }, { tool: 'web', match: 'x.dev', action: 'maybe' }] }),
    );
    expect(rules).toEqual([{ tool: 'shell', match: 'npm test', action: 'allow' }]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('rules[1]');
  });

  it('report broken JSON instead of throwing', () => {
    expect(parsePolicy('{ "rules": [').problems[0]).toMatch(/Not valid JSON/);
    expect(parsePolicy('[]').problems[0]).toMatch(/"rules" array/);
    expect(parsePolicy('')).toEqual({ rules: [], problems: [] });
  });
});
