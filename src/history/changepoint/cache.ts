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
import type { SegmentLimits, Split } from './energy.js';
import { SegmentSearch, type SearchSettings, type SearchWork } from './segment.js';

/** Bumped whenever what a search computes changes, so a cache written by another version is ignored. */
const FORMAT = 2;

export class ChangePointCache {
  /** Segment searches by settings (seed and minimum segments) and start. */
  private readonly searches = new Map<string, SegmentSearch[]>();
  /** The work the last detection did: windows searched and windows reused. */
  work: SearchWork = { windows: 0, reused: 0 };
  /** What the last detection used, and the keys it looked up. */
  private used = new Set<SegmentSearch>();
  private touched = new Set<string>();

  /** Starts counting a new detection's work and what it uses. */
  begin(): void {
    this.work = { windows: 0, reused: 0 };
    this.used = new Set();
    this.touched = new Set();
  }

  /** The search of `series[start, end)`: the cached one when it is that search, else a new one built on the longest cached prefix with the same start. */
  segment(series: ArrayLike<number>, start: number, end: number, settings: SearchSettings): SegmentSearch {
    const key = searchKey(settings.seed, settings.limits, start);
    this.touched.add(key);
    const candidates = this.searches.get(key) ?? [];
    this.searches.set(key, candidates);
    let base: SegmentSearch | undefined;
    for (const cached of candidates) {
      if (cached.matches(series, end, settings)) return this.use(cached);
      if (cached.end <= end && (!base || cached.end > base.end) && cached.isPrefixOf(series)) base = cached;
    }
    const search = new SegmentSearch(series, start, end, settings, this.work, { base });
    candidates.push(search);
    return this.use(search);
  }

  /**
   * Forgets the searches the last detection looked past (and what the ones it used were built on),
   * so a cache kept across detections stays the size of one; searches with other settings stay.
   */
  prune(): void {
    for (const key of this.touched) {
      const kept = (this.searches.get(key) ?? []).filter((search) => this.used.has(search));
      for (const search of kept) search.forgetBase();
      if (kept.length > 0) this.searches.set(key, kept);
      else this.searches.delete(key);
    }
  }

  /**
   * The searches the last detection used, as bytes: for each, its bounds, the best split of each
   * window and the draws made, with the series points they cover, so a later process can check
   * that the series still begins with them.
   */
  serialize(): Uint8Array {
    const segments: SerializedSegment[] = [];
    const chunks: Float64Array[] = [];
    let offset = 0;
    let covered = 0;
    for (const search of this.used) covered = Math.max(covered, search.end);
    const series = new Float64Array(covered);
    for (const search of this.used) {
      series.set(search.values, search.start);
      const draws = contiguousDraws(search);
      const { seed, limits, start, end, window, length } = search;
      segments.push({
        seed,
        minSegment: limits.minSegment,
        minEdgeSegment: limits.minEdgeSegment,
        start,
        end,
        window,
        length,
        windows: search.plans.length,
        draws: draws.length,
        offset,
      });
      const observed = Float64Array.from(search.observed.flatMap((split) => (split ? [split.index, split.end, split.statistic] : [Number.NaN, Number.NaN, Number.NaN])));
      for (const chunk of [observed, ...draws]) chunks.push(chunk), (offset += chunk.length);
    }
    const header = new TextEncoder().encode(JSON.stringify({ format: FORMAT, segments, covered }));
    // Layout: header length (4 bytes), header, padding to 8, the covered series, then per search its splits and draws.
    const dataStart = Math.ceil((4 + header.length) / 8) * 8;
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
        const { seed, minSegment, minEdgeSegment, window, length, start, end, windows } = segment;
        const at = header.covered + segment.offset;
        const observed = Array.from({ length: windows }, (_, k): Split | undefined => {
          const [index, splitEnd, statistic] = data.subarray(at + 3 * k, at + 3 * k + 3);
          return Number.isNaN(index) ? undefined : { index: index!, end: splitEnd!, statistic: statistic! };
        });
        const drawsAt = at + 3 * windows;
        const draws = Array.from({ length: segment.draws }, (_, r) => data.slice(drawsAt + r * windows, drawsAt + (r + 1) * windows));
        const settings: SearchSettings = { seed, window, limits: { length, minSegment, minEdgeSegment } };
        const search = new SegmentSearch(series, start, end, settings, cache.work, { restored: { observed, draws } });
        const key = searchKey(seed, settings.limits, start);
        cache.searches.set(key, [...(cache.searches.get(key) ?? []), search]);
      }
      return cache;
    } catch {
      return undefined;
    }
  }

  private use(search: SegmentSearch): SegmentSearch {
    search.work = this.work;
    this.used.add(search);
    return search;
  }
}

function searchKey(seed: number, limits: Pick<SegmentLimits, 'minSegment' | 'minEdgeSegment'>, start: number): string {
  return `${seed}/${limits.minSegment}/${limits.minEdgeSegment}/${start}`;
}

interface SerializedSegment {
  seed: number;
  minSegment: number;
  minEdgeSegment: number;
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
