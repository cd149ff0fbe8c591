import { beforeEach, describe, expect, it } from 'vitest';
import { useWorkbench } from './workbench';

describe('notices', () => {
  beforeEach(() => useWorkbench.setState({ notices: [] }));
  const texts = () => useWorkbench.getState().notices.map((n) => `${n.kind}: ${n.text}`);

  it('shows the same message once, moved to the front, and keeps different ones', () => {
    const { notify } = useWorkbench.getState();
    notify('error', 'settings.json: not valid JSON');
    notify('info', 'Saved');
    notify('error', 'settings.json: not valid JSON');
    notify('info', 'settings.json: not valid JSON'); // another kind is another notice
    expect(texts()).toEqual(['info: Saved', 'error: settings.json: not valid JSON', 'info: settings.json: not valid JSON']);
  });

  it('keeps the five newest', () => {
    const { notify, dismiss } = useWorkbench.getState();
    for (let i = 1; i <= 7; i++) notify('error', `problem ${i}`);
    expect(texts()).toEqual([3, 4, 5, 6, 7].map((i) => `error: problem ${i}`));
    dismiss(useWorkbench.getState().notices[0]!.id);
    expect(texts()).toHaveLength(4);
  });
});
