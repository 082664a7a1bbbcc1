/** Which way a metric improves: `lower` (a loss, an FID) or `higher` (an accuracy). */
export type Direction = 'lower' | 'higher';
