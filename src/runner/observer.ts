/** Events a workflow reports while it runs, for progress displays. All optional. */
import type { RunRecord } from '../model/run-record.js';
import type { MetricPoint } from '../trainers/types.js';

export interface RunObserver {
  onArmStart?(arm: string, configName: string, seeds: number[]): void;
  onRunStart?(arm: string, seed: number): void;
  onRunProgress?(arm: string, seed: number, point: MetricPoint): void;
  onRunEnd?(arm: string, record: RunRecord, resumed: boolean): void;
  onArmEnd?(arm: string, records: RunRecord[]): void;
  /** Sequential mode: the evidence after each result. */
  onEvidence?(summary: string): void;
  onNotice?(message: string): void;
}
