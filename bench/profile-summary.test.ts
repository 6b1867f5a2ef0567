import { describe, expect, it } from 'vitest';
import { summarizeProfile } from './profile-summary';

// root -> relay (src-main) -> settle (src-main) ; root -> (idle)
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });
const profile = {
  startTime: 1_000,
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4] },
    { id: 2, callFrame: frame('relay', 'file:///w/src-main/gateway/relay.ts'), children: [3] },
    { id: 3, callFrame: frame('settle', 'file:///w/src-main/economy/settle.ts') },
    { id: 4, callFrame: frame('(idle)') },
  ],
  // Samples at t = 1010, 1020, 1030, 1040 (each 10 µs): relay, settle, settle, idle.
  samples: [2, 3, 3, 4],
  timeDeltas: [10, 10, 10, 10],
};

describe('cpu profile summary', () => {
  it('splits self and inclusive time and reports idle', () => {
    const s = summarizeProfile(profile);
    expect(s.idlePct).toBe(25);
    expect(s.self.find((l) => l.name.startsWith('settle'))?.selfPct).toBe(50);
    const relay = s.inclusive.find((l) => l.name.startsWith('relay'));
    expect(relay).toMatchObject({ selfPct: 25, totalPct: 75 });
  });

  it('keeps only samples inside the load window', () => {
    const s = summarizeProfile(profile, 10, { fromUs: 1_015, toUs: 1_035 });
    expect(s.idlePct).toBe(0);
    expect(s.self[0]).toMatchObject({ selfPct: 100 });
    expect(s.self[0]!.name.startsWith('settle')).toBe(true);
  });
});
