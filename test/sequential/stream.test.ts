import { describe, expect, it } from 'vitest';
import { decideFromStream, sequentialComparison } from '../../src/sequential/index.js';

describe('decideFromStream', () => {
  it('stops pulling once the verdict is settled and lets the source clean up', async () => {
    const baseline = [10, 10.4, 9.7, 10.1, 9.9, 10.2, 9.8, 10.3, 9.6, 10, 10.1, 9.9];
    let pulled = 0;
    let cleanedUp = false;
    async function* runs(): AsyncGenerator<number> {
      try {
        for (let i = 0; i < 50; i++) {
          pulled += 1;
          yield 14 + (i % 3) * 0.1;
        }
      } finally {
        cleanedUp = true;
      }
    }
    const seen: number[] = [];
    const step = await decideFromStream(sequentialComparison(baseline, { direction: 'lower', maxRuns: 30 }), runs(), (s) => seen.push(s.n));
    expect(step?.verdict).toBe('regression');
    expect(pulled).toBe(step?.n);
    expect(seen).toEqual(Array.from({ length: step?.n ?? 0 }, (_, i) => i + 1));
    expect(cleanedUp).toBe(true);
  });

  it('returns null for an empty stream', async () => {
    async function* none(): AsyncGenerator<number> {}
    expect(await decideFromStream(sequentialComparison([1, 2, 3], { direction: 'lower' }), none())).toBeNull();
  });
});
