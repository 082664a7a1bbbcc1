/**
 * What one detection computed, kept for the next: each segment's split search and permutation
 * draws (segment.ts). A new point at the end of a series leaves every segment before the last
 * unchanged, so their searches and draws are taken over whole; the segments that end at the new
 * point are built on the cached search of their old extent, re-searching only the windows the
 * new point can change. The result is identical to a detection without the cache, by
 * construction: every search is a pure function of the values, the bounds and the settings, and
 * a cached one is used only where those are equal (test/history/changepoint/cache.test.ts).
 *
 * `serialize()` and `ChangePointCache.deserialize()` carry a cache between processes: the history
 * store keeps one per series (src/store/history-series.ts), so `mlreg history` after a new run
 * recomputes only what the run's point can change.
 */
import type { Split } from './energy.js';
import { SegmentSearch, type SearchSettings, type SearchWork } from './segment.js';

/** Bumped whenever what a search computes changes, so a cache written by another version is ignored. */
const FORMAT = 2;

export class ChangePointCache {
  /** Segment searches by settings (seed and minimum segments) and start. */
  private readonly segments = new Map<string, Map<number, SegmentSearch[]>>();
  /** The work the last detection did: windows searched and windows reused. */
  work: SearchWork = { windows: 0, reused: 0 };
  private used = new Set<SegmentSearch>();

  /** Starts counting a new detection's work and what it uses. */
  begin(): void {
    this.work = { windows: 0, reused: 0 };
    this.used = new Set();
  }

  /** The search of `series[start, end)`: the cached one when it is that search, else a new one built on the longest cached prefix with the same start. */
  segment(series: ArrayLike<number>, start: number, end: number, settings: SearchSettings): SegmentSearch {
    const candidates = this.startingAt(settings, start);
    let base: SegmentSearch | undefined;
    for (const cached of candidates) {
      if (cached.matches(series, end, settings)) return this.use(cached);
      if (cached.end <= end && (!base || cached.end > base.end) && cached.isPrefixOf(series)) base = cached;
    }
    const search = new SegmentSearch(series, start, end, settings, this.work, { base });
    candidates.push(search);
    return this.use(search);
  }

  /** Forgets every search the last detection did not use, so a cache kept across detections stays the size of one. */
  prune(): void {
    for (const byStart of this.segments.values()) {
      for (const [start, searches] of byStart) {
        const kept = searches.filter((search) => this.used.has(search));
        if (kept.length > 0) byStart.set(start, kept);
        else byStart.delete(start);
      }
    }
  }

  /**
   * The searches the last detection used, as bytes: for each, its bounds and draws, with the
   * series points they cover, so a later process can check that the series still begins with them.
   */
  serialize(): Uint8Array {
    this.prune();
    const segments: SerializedSegment[] = [];
    const chunks: Float64Array[] = [];
    let offset = 0;
    let covered = 0;
    for (const [key, byStart] of this.segments) {
      const settings = JSON.parse(key) as SerializedSettings;
      for (const search of [...byStart.values()].flat()) {
        const draws = contiguousDraws(search);
        segments.push({
          ...settings,
          start: search.start,
          end: search.end,
          window: search.window,
          length: search.length,
          windows: search.plans.length,
          draws: draws.length,
          offset,
        });
        const observed = Float64Array.from(search.observed.flatMap((split) => (split ? [split.index, split.end, split.statistic] : [Number.NaN, Number.NaN, Number.NaN])));
        for (const chunk of [observed, ...draws]) chunks.push(chunk), (offset += chunk.length);
        covered = Math.max(covered, search.end);
      }
    }
    const series = this.coveredValues(covered);
    const header = new TextEncoder().encode(JSON.stringify({ format: FORMAT, segments, covered }));
    // Layout: header length (4 bytes), header, padding to 8, the covered series, the draws.
    const headerEnd = 4 + header.length;
    const dataStart = Math.ceil(headerEnd / 8) * 8;
    const bytes = new Uint8Array(dataStart + 8 * (covered + offset));
    new DataView(bytes.buffer).setUint32(0, header.length, true);
    bytes.set(header, 4);
    const data = new Float64Array(bytes.buffer, dataStart, covered + offset);
    data.set(series, 0);
    let at = covered;
    for (const chunk of chunks) data.set(chunk, at), (at += chunk.length);
    return bytes;
  }

  /** The cache `serialize` wrote; undefined when the bytes are not such a cache (another version, or damaged). */
  static deserialize(bytes: Uint8Array): ChangePointCache | undefined {
    try {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const headerLength = view.getUint32(0, true);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as { format: number; segments: SerializedSegment[]; covered: number };
      if (header.format !== FORMAT) return undefined;
      const dataStart = Math.ceil((4 + headerLength) / 8) * 8;
      // Copied, so the data is aligned whatever buffer the bytes came in.
      const data = new Float64Array(bytes.slice(dataStart).buffer);
      const series = data.subarray(0, header.covered);
      const cache = new ChangePointCache();
      for (const segment of header.segments) {
        const { seed, minSegment, minEdgeSegment, window, length } = segment;
        const settings: SearchSettings = { seed, window, limits: { length, minSegment, minEdgeSegment } };
        const at = header.covered + segment.offset;
        const observed = Array.from({ length: segment.windows }, (_, k): Split | undefined => {
          const [index, end, statistic] = data.subarray(at + 3 * k, at + 3 * k + 3);
          return Number.isNaN(index) ? undefined : { index: index!, end: end!, statistic: statistic! };
        });
        const drawsAt = at + 3 * segment.windows;
        const draws = Array.from({ length: segment.draws }, (_, r) => data.slice(drawsAt + r * segment.windows, drawsAt + (r + 1) * segment.windows));
        const search = new SegmentSearch(series, segment.start, segment.end, settings, cache.work, { restored: { observed, draws } });
        cache.startingAt(settings, segment.start).push(search);
      }
      return cache;
    } catch {
      return undefined;
    }
  }

  private startingAt(settings: SearchSettings, start: number): SegmentSearch[] {
    const { seed, limits } = settings;
    const key = JSON.stringify({ seed, minSegment: limits.minSegment, minEdgeSegment: limits.minEdgeSegment } satisfies SerializedSettings);
    let byStart = this.segments.get(key);
    if (!byStart) this.segments.set(key, (byStart = new Map()));
    let searches = byStart.get(start);
    if (!searches) byStart.set(start, (searches = []));
    return searches;
  }

  private use(search: SegmentSearch): SegmentSearch {
    search.work = this.work;
    this.used.add(search);
    return search;
  }

  /** The series' first `count` points, from the searches that hold them. */
  private coveredValues(count: number): Float64Array {
    const values = new Float64Array(count);
    for (const byStart of this.segments.values()) {
      for (const search of [...byStart.values()].flat()) values.set(search.values, search.start);
    }
    return values;
  }
}

interface SerializedSettings {
  seed: number;
  minSegment: number;
  minEdgeSegment: number;
}

interface SerializedSegment extends SerializedSettings {
  start: number;
  end: number;
  window: number;
  length: number;
  /** Windows per draw. */
  windows: number;
  /** Draws 0 … draws − 1, each `windows` numbers, follow the best split of each window (index, end, Q̂; NaN where none fits). */
  draws: number;
  /** Where its numbers begin, counted after the series'. */
  offset: number;
}

/** The search's draws 0, 1, … up to the first one not made. */
function contiguousDraws(search: SegmentSearch): Float64Array[] {
  const draws: Float64Array[] = [];
  for (const windows of search.drawnWindows()) {
    if (!windows) break;
    draws.push(windows);
  }
  return draws;
}
