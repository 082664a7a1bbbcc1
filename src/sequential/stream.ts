/**
 * Driving a sequential rule from an async stream of finished runs, such as a launcher's
 * `AsyncIterable<RunRecord>` mapped to metric values.
 */

/** Anything with the rule's `add` shape: a single comparison or a metric set. */
export interface SequentialRule<Value, Step extends { done: boolean }> {
  add(value: Value): Step;
}

/**
 * Feeds each value from `source` to `rule` as it arrives, reports every step to `onStep`, and
 * stops pulling as soon as a step is done — leaving the loop calls the iterator's `return()`, so
 * a launcher's generator can cancel the runs still in flight. Returns the last step, or null if
 * the source ended before any value.
 */
export async function decideFromStream<Value, Step extends { done: boolean }>(
  rule: SequentialRule<Value, Step>,
  source: AsyncIterable<Value>,
  onStep?: (step: Step) => void,
): Promise<Step | null> {
  let last: Step | null = null;
  for await (const value of source) {
    last = rule.add(value);
    onStep?.(last);
    if (last.done) break;
  }
  return last;
}
