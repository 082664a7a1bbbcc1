/** `mlreg power` through the real binary: seeds per arm from a baseline file or a stated sd; bad input exits 2. */
import { describe, expect, it } from 'vitest';
import { seedsForPower } from '../../src/stats/power.js';
import { listFiles, mlreg, testProject } from './harness.js';

const fid = [30.1, 29.4, 31.2, 30.8, 29.9, 30.3, 31.0, 29.7, 30.5, 30.0];
const accuracy = [0.91, 0.92, 0.9, 0.915, 0.905];
const samples = JSON.stringify({ fid, accuracy });

interface Plan {
  metrics: Array<{ metric: string; seedsPerArm: number; effect: number; sdObserved: number; sdUsed: number; pilotRuns?: number; capped: boolean }>;
}

describe('mlreg power', () => {
  it('plans every metric of a baseline file with the pilot-corrected sd, as the library does', async () => {
    const dir = await testProject({ 'b.json': samples });
    const result = await mlreg(dir, ['power', '--baseline', 'b.json', '--effect', '2%', '--json']);
    expect(result.exitCode).toBe(0);
    const plan = JSON.parse(result.stdout) as Plan;
    expect(plan.metrics.map((m) => m.metric)).toEqual(['fid', 'accuracy']);
    for (const [values, planned] of [
      [fid, plan.metrics[0]!],
      [accuracy, plan.metrics[1]!],
    ] as const) {
      const expected = seedsForPower(values, { relative: 0.02 });
      expect(planned.seedsPerArm).toBe(expected.seedsPerArm);
      expect(planned.sdUsed).toBeCloseTo(expected.sdUsed, 12);
      expect(planned.sdUsed).toBeGreaterThan(planned.sdObserved);
      expect(planned.pilotRuns).toBe(values.length);
    }
  });

  it('prints the seeds, the sd used and a sentence per metric; --metric keeps one', async () => {
    const dir = await testProject({ 'b.json': samples });
    const result = await mlreg(dir, ['power', '--baseline', 'b.json', '--metric', 'fid', '--effect', '0.5', '--power', '0.9']);
    expect(result.exitCode).toBe(0);
    const expected = seedsForPower(fid, 0.5, { power: 0.9 });
    expect(result.stdout).toContain(`fid: ${expected.seedsPerArm} seeds per arm`);
    expect(result.stdout).toMatch(/90% power at alpha 0\.05/);
    expect(result.stdout).toMatch(/using sd 0\.\d+ \(observed 0\.\d+ over 10 runs/);
    expect(result.stdout).not.toContain('accuracy');
  });

  it('gives the textbook answer for a known sd: d = 1 at 80% power and alpha 0.05 needs 17 per arm', async () => {
    const dir = await testProject();
    const result = await mlreg(dir, ['power', '--mean', '30', '--sd', '2', '--effect', '2', '--json']);
    expect(result.exitCode).toBe(0);
    const plan = JSON.parse(result.stdout) as Plan;
    expect(plan.metrics[0]).toMatchObject({ seedsPerArm: 17, sdUsed: 2, sdObserved: 2, effect: 2 });
    // A pilot of 10 runs raises the sd, so more seeds are needed; a relative effect reads the mean.
    const pilot = JSON.parse((await mlreg(dir, ['power', '--mean', '30', '--sd', '2', '--n', '10', '--effect', '10%', '--json'])).stdout) as Plan;
    expect(pilot.metrics[0]!.effect).toBeCloseTo(3, 12);
    expect(pilot.metrics[0]!.seedsPerArm).toBe(seedsForPower({ mean: 30, sd: 2, n: 10 }, 3).seedsPerArm);
    expect(pilot.metrics[0]!.sdUsed).toBeGreaterThan(2);
  });

  it.each([
    [['power', '--baseline', 'b.json', '--effect', '0'], /--effect/],
    [['power', '--baseline', 'b.json', '--effect', 'big'], /--effect.*"big"/],
    [['power', '--baseline', 'b.json'], /--effect/],
    [['power', '--baseline', 'b.json', '--effect', '5%', '--power', '1.2'], /--power.*"1\.2"/],
    [['power', '--baseline', 'b.json', '--effect', '5%', '--alpha', '0'], /--alpha/],
    [['power', '--baseline', 'b.json', '--metric', 'loss', '--effect', '5%'], /b\.json.*--metric.*fid, accuracy.*"loss"/],
    [['power', '--baseline', 'missing.json', '--effect', '5%'], /missing\.json/],
    [['power', '--baseline', 'bad.json', '--effect', '5%'], /bad\.json.*fid\.1.*finite number/],
    [['power', '--baseline', 'b.json', '--sd', '2', '--effect', '5%'], /--sd.*either --baseline/],
    [['power', '--sd', '2', '--effect', '5%'], /--mean/],
    [['power', '--mean', '30', '--effect', '1'], /--sd/],
    [['power', '--mean', '30', '--sd', '-1', '--effect', '1'], /--sd.*"-1"/],
    [['power', '--mean', '30', '--sd', '2', '--n', '1', '--effect', '1'], /--n.*"1"/],
    [['power', '--mean', '0', '--sd', '2', '--effect', '5%'], /non-zero baseline mean/],
  ])('exits 2 for %j, naming the problem', async (args, message) => {
    const dir = await testProject({ 'b.json': samples, 'bad.json': '{"fid": [1, "x", 3]}' });
    const before = await listFiles(dir);
    const result = await mlreg(dir, args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(await listFiles(dir)).toEqual(before);
  });
});
