import type { DocStatus } from '../types.js';

/** Thrown inside extraction for a file that cannot be analysed; becomes a terminal status with a one-line reason. */
export class ExtractError extends Error {
  constructor(
    readonly status: Exclude<DocStatus, 'coded'>,
    reason: string,
  ) {
    super(reason);
    this.name = 'ExtractError';
  }
}
