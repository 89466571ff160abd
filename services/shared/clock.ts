/** Every rule that depends on "now" asks a Clock, so tests (and e2e journeys) can move time. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  #ms: number
  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime()
  }
  now() {
    return new Date(this.#ms)
  }
  set(to: Date | string) {
    this.#ms = new Date(to).getTime()
  }
  advance(ms: number) {
    this.#ms += ms
  }
}

/** The system clock shifted by an offset, for accelerated e2e journeys against a running server. */
export class OffsetClock implements Clock {
  offsetMs: number
  /** `start`: the instant the clock reads now, so a run does not depend on the day it runs. */
  constructor(start?: Date | string) {
    this.offsetMs = start === undefined ? 0 : new Date(start).getTime() - Date.now()
  }
  now() {
    return new Date(Date.now() + this.offsetMs)
  }
  /** Moves forward to `to`, never back: what has happened stays in the past. */
  moveTo(to: Date | string) {
    this.offsetMs = Math.max(this.offsetMs, new Date(to).getTime() - Date.now())
  }
}
