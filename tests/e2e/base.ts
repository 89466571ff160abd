import { inject } from 'vitest'

/**
 * The server this worker's journeys use, and what its clock read before any journey moved it.
 * Each worker has its own server (server.ts), with its own database and clock, so journeys that
 * run at once never see each other's steps; those of one worker run one after another.
 */
const slot = (Number(process.env.VITEST_POOL_ID ?? 1) - 1) % inject('baseUrls').length
export const baseUrl = inject('baseUrls')[slot]!
export const clockAtStart = inject('e2eClocksAtStart')[slot]!
