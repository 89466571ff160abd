import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { procurementStatus, type ProcurementStatus } from '../../db/schema'
import { DomainError } from '../shared/errors'
import { allowedProcurementActions, procurementStep, STEPS, TERMINAL, type LifecycleActor, type ProcurementAction } from './lifecycle'

const STATES = procurementStatus.enumValues
const ACTIONS = Object.keys(STEPS) as ProcurementAction[]
const ACTORS: LifecycleActor[] = ['owner', 'agency', 'system']

describe('procurement lifecycle', () => {
  it('follows the main line from draft to evaluated', () => {
    const line: Array<[ProcurementAction, LifecycleActor]> = [
      ['publish', 'owner'], ['close', 'system'], ['open', 'system'], ['award', 'system'], ['confirmContract', 'agency'],
      ['startService', 'system'], ['deliver', 'agency'], ['returnDelivery', 'owner'], ['deliver', 'agency'], ['accept', 'owner'], ['evaluate', 'owner'],
    ]
    let state: ProcurementStatus = 'draft'
    const seen: ProcurementStatus[] = [state]
    for (const [action, by] of line) seen.push((state = procurementStep(action, by, state)))
    expect(seen).toEqual(['draft', 'published', 'closed', 'selecting', 'awarded', 'contracted', 'in_service', 'delivered', 'in_service', 'delivered', 'accepted', 'evaluated'])
  })

  it('refuses a step by the wrong party or from the wrong state, naming both', () => {
    expect(() => procurementStep('publish', 'agency', 'draft')).toThrow(DomainError)
    try {
      procurementStep('accept', 'owner', 'in_service')
    } catch (error) {
      expect((error as DomainError).params).toEqual({ action: 'accept', from: 'in_service' })
    }
    expect(() => procurementStep('cancel', 'owner', 'awarded')).toThrow('errors.illegalStep')
  })

  it('terminal states allow nothing; every other state can move', () => {
    for (const state of STATES) {
      const moves = ACTORS.flatMap((a) => allowedProcurementActions(a, state))
      if (TERMINAL.includes(state)) expect(moves).toEqual([])
      else expect(moves.length).toBeGreaterThan(0)
    }
  })

  it('any sequence of attempted steps only ever reaches states the table allows', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ACTIONS), fc.constantFrom(...ACTORS)), { maxLength: 30 }), (attempts) => {
        let state: ProcurementStatus = 'draft'
        for (const [action, by] of attempts) {
          const legal = STEPS[action].by.includes(by) && STEPS[action].from.includes(state)
          let next: ProcurementStatus = state
          try {
            next = procurementStep(action, by, state)
            expect(legal).toBe(true)
          } catch {
            expect(legal).toBe(false)
          }
          if (legal) expect(next).toBe(STEPS[action].to ?? state)
          state = next
        }
        expect(STATES).toContain(state)
      }),
    )
  })

  it('every state is reachable from draft', () => {
    const reached = new Set<ProcurementStatus>(['draft'])
    let grew = true
    while (grew) {
      grew = false
      for (const action of ACTIONS)
        for (const from of STEPS[action].from)
          if (reached.has(from)) {
            const to = STEPS[action].to ?? from
            if (!reached.has(to)) {
              reached.add(to)
              grew = true
            }
          }
    }
    expect([...reached].sort()).toEqual([...STATES].sort())
  })
})
