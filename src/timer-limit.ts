/**
 * The longest wait node's timers keep. A longer delay does not wait longer: node fires it after
 * 1 ms (with a TimeoutOverflowWarning), so a timeout of 1000h would time every request out at
 * once. Every duration a user gives that ends in a timer is held to it where it comes in.
 */

/** 2^31 - 1 ms, about 24.8 days. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** The limit in words, for messages. */
export const maxTimerText = "596h (the longest wait node's timers keep)"

/** True for a delay a timer can wait: a number from 0 to `MAX_TIMER_MS`. */
export function isTimerDelay(ms: number): boolean {
  return ms >= 0 && ms <= MAX_TIMER_MS
}
