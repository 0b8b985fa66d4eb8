import { describe, expect, it } from 'vitest';
import { setSoundOn, soundKey, soundOn, titleFor, type KeyValueStorage } from '../../../../src/renderer/src/features/approvals/awareness';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('the window title', () => {
  it.each([
    [0, 'Ardoise'],
    [1, '(1) Ardoise'],
    [2, '(2) Ardoise'],
    [124, '(124) Ardoise'],
  ])('%i waiting → %s', (waiting, title) => {
    expect(titleFor('Ardoise', waiting)).toBe(title);
  });
});

describe('the arrival chime preference', () => {
  it('is off by default, and without storage', () => {
    expect(soundOn(memoryStorage(), 'u1')).toBe(false);
    expect(soundOn(null, 'u1')).toBe(false);
  });

  it('is remembered per user', () => {
    const storage = memoryStorage();
    setSoundOn(storage, 'u1', true);
    expect(soundOn(storage, 'u1')).toBe(true);
    expect(soundOn(storage, 'u2')).toBe(false);
    setSoundOn(storage, 'u1', false);
    expect(soundOn(storage, 'u1')).toBe(false);
    expect([...storage.map.keys()]).toEqual([soundKey('u1')]);
  });

  it('a storage that throws (private mode, quota) reads as off and is not fatal', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => setSoundOn(broken, 'u1', true)).not.toThrow();
    expect(soundOn(broken, 'u1')).toBe(false);
  });
});
