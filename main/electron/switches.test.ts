import { describe, expect, it } from 'vitest';
import { applyChromiumSwitches, chromiumArgs, type CommandLine } from './switches';

/** Chromium's command line as Electron exposes it: a switch given again replaces its value. */
function commandLine(initial: Record<string, string> = {}): CommandLine & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getSwitchValue: (name) => values.get(name) ?? '',
    appendSwitch: (name, value = '') => void values.set(name, value),
  };
}

describe('applyChromiumSwitches', () => {
  it('turns off the after-input task deferral', () => {
    const cl = commandLine();
    applyChromiumSwitches(cl);
    expect(cl.values.get('disable-features')).toBe('DeferRendererTasksAfterInput');
  });

  it('keeps features the person disabled on the command line', () => {
    const cl = commandLine({ 'disable-features': 'CalculateNativeWinOcclusion, HardwareMediaKeyHandling' });
    applyChromiumSwitches(cl);
    expect(cl.values.get('disable-features')).toBe('CalculateNativeWinOcclusion,HardwareMediaKeyHandling,DeferRendererTasksAfterInput');
  });

  it('does not list a feature twice', () => {
    const cl = commandLine({ 'disable-features': 'DeferRendererTasksAfterInput' });
    applyChromiumSwitches(cl);
    expect(cl.values.get('disable-features')).toBe('DeferRendererTasksAfterInput');
  });

  it('gives the benchmarks the same switches as arguments', () => {
    expect(chromiumArgs()).toEqual(['--disable-features=DeferRendererTasksAfterInput']);
  });
});
