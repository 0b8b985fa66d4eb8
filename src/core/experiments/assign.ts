/**
 * Which arm a customer is in: a pure function of (experiment id, customer id) and nothing else —
 * not the desk, not the clock, not the agent — so an offline desk assigns exactly what the hub
 * will, and a customer who calls twice gets the same answer both times.
 *
 * The hash is FNV-1a (32-bit) over the UTF-8 bytes of `experimentId \0 customerId`, finished with
 * the murmur3 fmix32 avalanche (FNV's low bits alone mix poorly for near-identical ids such as
 * UUIDv7s minted a millisecond apart). The bucket is the hash mod 10 000; buckets below the
 * holdout share (basis points) are held out. 2³² mod 10 000 leaves a bias under 3·10⁻⁷.
 */
import type { Arm, Experiment } from './declaration';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnv1a32(text: string): number {
  let h = FNV_OFFSET;
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 0 … 9 999, uniform over customers. */
export function assignmentBucket(experimentId: string, customerId: string): number {
  return fmix32(fnv1a32(`${experimentId}\u0000${customerId}`)) % 10_000;
}

export function assignArm(experiment: Pick<Experiment, 'id' | 'holdoutBp'>, customerId: string): Arm {
  return assignmentBucket(experiment.id, customerId) < experiment.holdoutBp ? 'holdout' : 'offer';
}
